package io.messagedriven.publisher.kafka.testing;

import io.messagedriven.publisher.testing.TcpForwarder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node Kafka broker (KRaft: broker and controller in one node) inside the test JVM,
 * from Kafka's own jars, on free ports of 127.0.0.1 and a log folder under {@code java.io.tmpdir}
 * (the build points it under {@code target/}).
 *
 * <p>Besides its own listener, it advertises a second one at a {@link TcpForwarder}, so a test
 * can cut the broker off ({@link #proxy()}{@code .stop()}) and bring it back while the broker
 * keeps its data. Kafka's internal classes stay in this one class.
 */
public final class KafkaBroker implements AutoCloseable {
  private final KafkaRaftServer server;
  private final Path logDir;
  private final int port;
  private final TcpForwarder proxy;

  private KafkaBroker(KafkaRaftServer server, Path logDir, int port, TcpForwarder proxy) {
    this.server = server;
    this.logDir = logDir;
    this.port = port;
    this.proxy = proxy;
  }

  /** Formats a new log folder and starts a broker; returns once it serves (about 3 to 9 s). */
  public static KafkaBroker start() {
    try {
      Path logDir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "kafka-");
      int port = TcpForwarder.freePort();
      int controllerPort = TcpForwarder.freePort();
      int proxiedPort = TcpForwarder.freePort();
      TcpForwarder proxy = TcpForwarder.start(proxiedPort);
      Properties props = properties(logDir, port, controllerPort, proxiedPort, proxy.port());
      Path config = logDir.resolve("server.properties");
      try (OutputStream out = Files.newOutputStream(config)) {
        props.store(out, "single-node KRaft broker for tests");
      }
      ByteArrayOutputStream formatOutput = new ByteArrayOutputStream();
      int formatted = StorageTool.execute(new String[] {
          "format", "--standalone", "-t", Uuid.randomUuid().toString(), "-c", config.toString()},
          new PrintStream(formatOutput, true, StandardCharsets.UTF_8));
      if (formatted != 0) {
        throw new IllegalStateException("cannot format Kafka storage: " + formatOutput.toString(StandardCharsets.UTF_8));
      }
      KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
      server.startup();
      return new KafkaBroker(server, logDir, port, proxy);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start Kafka", e);
    }
  }

  private static Properties properties(Path logDir, int port, int controllerPort, int proxiedPort, int proxyPort) {
    Properties props = new Properties();
    props.put("process.roles", "broker,controller");
    props.put("node.id", "1");
    props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort
        + ",PROXIED://127.0.0.1:" + proxiedPort);
    props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port + ",PROXIED://127.0.0.1:" + proxyPort);
    props.put("controller.listener.names", "CONTROLLER");
    props.put("inter.broker.listener.name", "PLAINTEXT");
    props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,PROXIED:PLAINTEXT");
    props.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
    props.put("log.dirs", logDir.resolve("data").toString());
    props.put("num.partitions", "3");
    props.put("offsets.topic.replication.factor", "1");
    props.put("offsets.topic.num.partitions", "1");
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("share.coordinator.state.topic.replication.factor", "1");
    props.put("share.coordinator.state.topic.min.isr", "1");
    props.put("group.initial.rebalance.delay.ms", "0");
    props.put("log.cleaner.dedupe.buffer.size", "2097152");
    return props;
  }

  /** {@code 127.0.0.1:port} of the broker's own listener. */
  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  /** {@code 127.0.0.1:port} of the forwarder: clients bootstrapped here reach the broker only through it. */
  public String proxiedBootstrapServers() {
    return "127.0.0.1:" + proxy.port();
  }

  /** The forwarder in front of {@link #proxiedBootstrapServers()}. */
  public TcpForwarder proxy() {
    return proxy;
  }

  /** Stops the broker and deletes its files. */
  @Override
  public void close() {
    proxy.close();
    server.shutdown();
    server.awaitShutdown();
    try (Stream<Path> files = Files.walk(logDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException ignored) {
      // target/ is cleaned anyway
    }
  }
}
