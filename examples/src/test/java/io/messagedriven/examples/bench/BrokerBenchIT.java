package io.messagedriven.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.messagedriven.jdbi.testing.TestDatabase;
import io.messagedriven.publisher.kafka.testing.KafkaBroker;
import io.messagedriven.publisher.testing.RequiresServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BrokerBenchIT {

  @RequiresServer(name = "RabbitMQ", port = 5672, howToRun = "rabbitmq-server -detached")
  @RequiresServer(name = "NATS JetStream", port = 4222, howToRun = "nats-server -js -p 4222")
  @Test
  void smokeRunMeasuresEveryTargetAgainstItsDirectBaseline() {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    int code;
    try (KafkaBroker kafka = KafkaBroker.start()) {
      code = BrokerBench.run(new String[] {"--smoke", "--jdbc-url", TestDatabase.freshUrl(),
          "--kafka-bootstrap", kafka.bootstrapServers()}, new PrintStream(output, true, StandardCharsets.UTF_8));
    }

    String printed = output.toString(StandardCharsets.UTF_8);
    assertThat(code).as(printed).isZero();
    assertThat(printed).contains("Brokers: 1,000 events per run, 1 run(s)").contains("load average at the end");
    for (String target : new String[] {"rabbitmq", "kafka", "nats", "webhook"}) {
      assertThat(printed).containsPattern("\\| " + target + " \\| [0-9,]+ \\| [0-9,]+ \\| [0-9]+% \\|");
    }
  }

  @Test
  void kafkaWithoutABrokerIsABadFlag() {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    int code = BrokerBench.run(new String[] {"--targets", "kafka"}, new PrintStream(output, true, StandardCharsets.UTF_8));

    assertThat(code).isEqualTo(2);
    assertThat(output.toString(StandardCharsets.UTF_8)).contains("error: --kafka-bootstrap is required");
  }

  @Test
  void unknownTargetIsABadFlag() {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    int code = BrokerBench.run(new String[] {"--targets", "rabbit"}, new PrintStream(output, true, StandardCharsets.UTF_8));

    assertThat(code).isEqualTo(2);
    assertThat(output.toString(StandardCharsets.UTF_8)).contains("error: --targets must be some of rabbitmq,kafka,nats,webhook, was rabbit");
  }
}
