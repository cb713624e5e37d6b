package io.messagedriven.domain;

import io.messagedriven.domain.user.User;

import static io.messagedriven.domain.Rejections.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventTest {
  private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
  private static final TenantId TENANT = TenantId.random();
  private static final EventId ID = EventId.random();

  private static Event event(String aggregateType, String name, String payload, Map<String, String> headers) {
    return new Event(ID, TENANT, aggregateType, "42", name, payload, headers, NOW);
  }

  private static Event withName(String name) {
    return event("User", name, "{}", Map.of());
  }

  private static Event withPayload(String payload) {
    return event("User", "User.created", payload, Map.of());
  }

  private static Event withHeaders(Map<String, String> headers) {
    return event("User", "User.created", "{}", headers);
  }

  @Test
  void raiseGivesAFreshIdAndNoHeaders() {
    Event first = Event.raise(TENANT, "User", "42", "User.created", "{\"a\":1}", NOW);
    Event second = Event.raise(TENANT, "User", "42", "User.created", "{\"a\":1}", NOW);

    assertThat(first.id()).isNotEqualTo(second.id());
    assertThat(first.headers()).isEmpty();
    assertThat(first.tenantId()).isEqualTo(TENANT);
    assertThat(first.aggregateType()).isEqualTo("User");
    assertThat(first.aggregateId()).isEqualTo("42");
    assertThat(first.name()).isEqualTo("User.created");
    assertThat(first.payload()).isEqualTo("{\"a\":1}");
    assertThat(first.occurredAt()).isEqualTo(NOW);
  }

  @ParameterizedTest
  @ValueSource(strings = {"User.created", "User.emailChanged", "User.password_reset", "User.v2created"})
  void acceptsAggregateDotVerbNames(String name) {
    assertThat(withName(name).name()).isEqualTo(name);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "User", "User.", ".created", "user.created", "User.Created", "User.created.again",
        "User created", "User-created", "User.*", "User.2created", " User.created"})
  void rejectsNamesThatAreNotAggregateDotVerb(String name) {
    assertInvalid(() -> withName(name), "event name", "use Aggregate.verb in the past tense");
  }

  @Test
  void rejectsANameThatDoesNotStartWithTheAggregateType() {
    assertInvalid(() -> withName("Tenant.created"), "event name", "does not start with the aggregate type User");
    assertInvalid(() -> withName("Users.created"), "event name", "does not start with the aggregate type User");
    assertInvalid(() -> event("Use", "User.created", "{}", Map.of()), "event name", "aggregate type Use");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "user", "User.created", "User Account", "9User"})
  void rejectsMalformedAggregateTypes(String type) {
    assertInvalid(() -> event(type, "User.created", "{}", Map.of()), "aggregateType", "capitalised word");
  }

  @Test
  void aggregateIdIsTrimmedAndMustNotBeBlank() {
    assertThat(new Event(ID, TENANT, "User", " 42 ", "User.created", "{}", Map.of(), NOW).aggregateId())
        .isEqualTo("42");
    assertInvalid(() -> new Event(ID, TENANT, "User", " ", "User.created", "{}", Map.of(), NOW),
        "aggregateId", "it is blank");
  }

  @Test
  void requiresIdTenantAndTime() {
    assertInvalid(() -> new Event(null, TENANT, "User", "42", "User.created", "{}", Map.of(), NOW),
        "eventId", "required");
    assertInvalid(() -> new Event(ID, null, "User", "42", "User.created", "{}", Map.of(), NOW),
        "tenantId", "required");
    assertInvalid(() -> new Event(ID, TENANT, "User", "42", "User.created", "{}", Map.of(), null),
        "occurredAt", "required");
    assertInvalid(() -> withName(null), "event name", "required");
    assertInvalid(() -> event(null, "User.created", "{}", Map.of()), "aggregateType", "required");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\n\t"})
  void rejectsABlankPayload(String payload) {
    assertInvalid(() -> withPayload(payload), "payload", "it is blank");
  }

  @Test
  void rejectsAMissingPayload() {
    assertInvalid(() -> withPayload(null), "payload", "it is required");
  }

  @Test
  void acceptsAPayloadOfExactly1MiB() {
    String payload = "x".repeat(1 << 20);

    assertThat(withPayload(payload).payload()).hasSize(Event.MAX_PAYLOAD_LENGTH);
  }

  @Test
  void rejectsAPayloadLargerThan1MiBShowingOnlyItsStart() {
    String payload = "x".repeat((1 << 20) + 1);

    assertThatThrownBy(() -> withPayload(payload))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("payload \"" + "x".repeat(80) + "\"... (1048577 chars) is invalid: it is larger than 1 MiB");
  }

  @Test
  void measuresThePayloadInUtf8Bytes() {
    String twoByteChars = "é".repeat((1 << 19) + 1);
    String threeByteChars = "✓".repeat(1 << 18) + "x".repeat(1 << 18);

    assertInvalid(() -> withPayload(twoByteChars), "payload", "larger than 1 MiB");
    assertThat(withPayload("é".repeat(1 << 19)).payload()).hasSize(1 << 19);
    assertThat(withPayload(threeByteChars).payload()).hasSize(1 << 19);
    assertInvalid(() -> withPayload(threeByteChars + "✓".repeat(1 << 17)), "payload", "larger than 1 MiB");
  }

  @Test
  void countsASurrogatePairAsFourBytes() {
    String emoji = "😀".repeat(1 << 18);

    assertThat(withPayload(emoji).payload()).isEqualTo(emoji);
    assertInvalid(() -> withPayload(emoji + "x"), "payload", "larger than 1 MiB");
  }

  @Test
  void keepsHeadersInOrder() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(Event.CORRELATION_ID, "req-1");
    headers.put(Event.CAUSATION_ID, "cmd-1");
    headers.put("x.trace_id", "abc");

    assertThat(withHeaders(headers).headers()).containsExactly(
        Map.entry("correlation-id", "req-1"), Map.entry("causation-id", "cmd-1"), Map.entry("x.trace_id", "abc"));
  }

  @Test
  void copiesHeadersAndMakesThemReadOnly() {
    Map<String, String> headers = new HashMap<>(Map.of("a", "1"));
    Event event = withHeaders(headers);

    headers.put("b", "2");

    assertThat(event.headers()).containsOnlyKeys("a");
    assertThatThrownBy(() -> event.headers().put("c", "3")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void trimsHeaderValues() {
    assertThat(withHeaders(Map.of("a", "  1 ")).headers()).containsEntry("a", "1");
  }

  @Test
  void acceptsUpTo32Headers() {
    assertThat(withHeaders(headers(32)).headers()).hasSize(32);
    assertInvalid(() -> withHeaders(headers(33)), "headers", "more than 32 headers");
  }

  @Test
  void rejectsMissingHeaders() {
    assertInvalid(() -> withHeaders(null), "headers", "it is required");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " a", "a b", "-a", ".a", "a:b", "ä", "a\n"})
  void rejectsMalformedHeaderNames(String name) {
    assertInvalid(() -> withHeaders(Map.of(name, "v")), "header name", "use letters, digits");
  }

  @Test
  void rejectsANullHeaderName() {
    Map<String, String> headers = new HashMap<>();
    headers.put(null, "v");

    assertInvalid(() -> withHeaders(headers), "header name", "use letters, digits");
  }

  @Test
  void limitsHeaderNamesTo100Characters() {
    assertThat(withHeaders(Map.of("h".repeat(100), "v")).headers()).hasSize(1);
    assertInvalid(() -> withHeaders(Map.of("h".repeat(101), "v")), "header name", "at most 100");
  }

  @Test
  void limitsHeaderValuesTo1000Characters() {
    assertThat(withHeaders(Map.of("h", "v".repeat(1000))).headers()).hasSize(1);
    assertInvalid(() -> withHeaders(Map.of("h", "v".repeat(1001))), "header h", "longer than 1000 characters");
  }

  @Test
  void rejectsBlankOrMissingHeaderValuesAndControlCharacters() {
    Map<String, String> missing = new HashMap<>();
    missing.put("h", null);

    assertInvalid(() -> withHeaders(Map.of("h", " ")), "header h", "it is blank");
    assertInvalid(() -> withHeaders(missing), "header h", "it is required");
    assertInvalid(() -> withHeaders(Map.of("h", "a\nb")), "header h", "control character");
  }

  @Test
  void withHeaderReturnsACopyWithTheHeaderAdded() {
    Event original = withHeaders(Map.of("a", "1"));

    Event copy = original.withHeader(Event.CORRELATION_ID, "req-1");

    assertThat(copy.headers()).containsExactly(Map.entry("a", "1"), Map.entry("correlation-id", "req-1"));
    assertThat(original.headers()).containsOnlyKeys("a");
    assertThat(copy).usingRecursiveComparison().ignoringFields("headers").isEqualTo(original);
  }

  @Test
  void withHeaderReplacesAnExistingHeader() {
    Event event = withHeaders(Map.of("a", "1")).withHeader("a", "2");

    assertThat(event.headers()).containsExactly(Map.entry("a", "2"));
  }

  @Test
  void withHeaderChecksTheHeader() {
    Event event = withHeaders(Map.of());

    assertInvalid(() -> event.withHeader("bad name", "v"), "header name", "use letters, digits");
    assertInvalid(() -> event.withHeader("h", ""), "header h", "it is blank");
    assertInvalid(() -> withHeaders(headers(32)).withHeader("one-more", "v"), "headers", "more than 32");
  }

  @Test
  void eventIdParsesItsOwnString() {
    assertThat(EventId.parse(ID.toString())).isEqualTo(ID);
    assertInvalid(() -> EventId.parse("not-an-id"), "eventId", "it is not a UUID");
  }

  private static Map<String, String> headers(int count) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      headers.put("h" + i, "v" + i);
    }
    return headers;
  }
}
