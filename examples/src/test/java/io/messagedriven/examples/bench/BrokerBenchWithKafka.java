package io.messagedriven.examples.bench;

import io.messagedriven.publisher.kafka.testing.KafkaBroker;
import java.util.Arrays;

/**
 * {@link BrokerBench} with a real single-node Kafka broker started in this JVM from Kafka's own
 * jars (the one the Kafka adapter's tests use). Run from the test classpath:
 *
 * <pre>
 * ./mvnw -q -pl examples -am -DskipTests -DskipUnitTests package exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=io.messagedriven.examples.bench.BrokerBenchWithKafka
 * </pre>
 */
public final class BrokerBenchWithKafka {
  private BrokerBenchWithKafka() {}

  public static void main(String[] args) {
    int code;
    try (KafkaBroker kafka = KafkaBroker.start()) {
      System.out.println("Kafka broker started in this JVM on " + kafka.bootstrapServers());
      code = run(args, kafka);
    }
    System.exit(code);
  }

  static int run(String[] args, KafkaBroker kafka) {
    String[] withKafka = Arrays.copyOf(args, args.length + 2);
    withKafka[args.length] = "--kafka-bootstrap";
    withKafka[args.length + 1] = kafka.bootstrapServers();
    return BrokerBench.run(withKafka, System.out);
  }
}
