package io.messagedriven.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.messagedriven.publisher.Publisher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class PublisherOptionsTest {

  private static PublisherOptions parse(String... args) {
    PublisherOptions options = new PublisherOptions();
    new CommandLine(options).parseArgs(args);
    return options;
  }

  @Test
  void everyPublisherFlagReachesTheBuilder() {
    Publisher.Builder builder = parse("--name", "eu-1", "--batch-size", "50", "--workers", "8", "--max-in-flight", "400",
        "--poll-interval", "250ms", "--lease", "2m", "--stop-timeout", "45s", "--outage-probe-interval", "1s",
        "--keep-published", "30d", "--max-attempts", "25", "--retry-initial-delay", "2s", "--retry-max-delay", "1h",
        "--retry-multiplier", "3", "--retry-jitter", "0.5").publisher();

    assertThat(builder.toString()).contains("name=eu-1", "batchSize=50", "workers=8", "maxInFlight=400",
        "pollInterval=PT0.25S", "lease=PT2M", "stopTimeout=PT45S", "outageProbeInterval=PT1S", "keepPublished=PT720H",
        "maxAttempts=25", "initialDelay=PT2S", "maxDelay=PT1H", "multiplier=3.0", "jitter=0.5");
  }

  @Test
  void flagsLeftOutKeepTheBuildersDefaults() {
    assertThat(parse().publisher().toString())
        .isEqualTo(Publisher.builder().name("message-publisher").stopTimeout(java.time.Duration.ofSeconds(30)).toString());
  }

  @Test
  void keepPublishedForeverTurnsThePurgeOff() {
    assertThat(parse("--keep-published", "forever").publisher().toString()).contains("keepPublished=forever");
  }

  @ParameterizedTest
  @CsvSource({"batchSize must be 1, --batch-size", "maxInFlight must be, --max-in-flight",
      "outageProbeInterval must be, --outage-probe-interval", "lease must be, --lease"})
  void aBuildersComplaintIsReportedUnderItsFlag(String message, String flag) {
    assertThat(PublisherOptions.flagOf(message)).isEqualTo(flag);
  }

  @ParameterizedTest
  @CsvSource({"500ms, PT0.5S", "30s, PT30S", "5m, PT5M", "2h, PT2H", "7d, PT168H", "PT1M30S, PT1M30S"})
  void durationsAreShortOrIso(String flag, String duration) {
    assertThat(new DurationConverter().convert(flag)).hasToString(duration);
  }
}
