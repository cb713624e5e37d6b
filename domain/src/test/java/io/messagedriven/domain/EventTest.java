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
    String payload = jsonString("x".repeat((1 << 20) - 2));

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
    String threeByteChars = "✓".repeat(1 << 18) + "x".repeat((1 << 18) - 2);

    assertInvalid(() -> withPayload(twoByteChars), "payload", "larger than 1 MiB");
    assertThat(withPayload(jsonString("é".repeat((1 << 19) - 1))).payload()).hasSize((1 << 19) + 1);
    assertThat(withPayload(jsonString(threeByteChars)).payload()).hasSize(1 << 19);
    assertInvalid(() -> withPayload(jsonString(threeByteChars + "✓")), "payload", "larger than 1 MiB");
  }

  @Test
  void countsASurrogatePairAsFourBytes() {
    String emoji = jsonString("😀".repeat((1 << 18) - 1) + "xx");

    assertThat(withPayload(emoji).payload()).isEqualTo(emoji);
    assertInvalid(() -> withPayload(emoji + " "), "payload", "larger than 1 MiB");
  }

  @ParameterizedTest
  @ValueSource(strings = {"{}", "[]", "42", "-0.5e10", "\"text\"", "true", "false", "null",
      " {\"a\" : [1, 2.5e-3, \"\\u00e9\\ud83d\\ude00😀\", {}]} \n", "[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"]"})
  void acceptsAnyWellFormedJsonValueAsThePayload(String payload) {
    assertThat(withPayload(payload).payload()).isEqualTo(payload);
  }

  @ParameterizedTest
  @ValueSource(strings = {"x", "{", "}", "{\"a\":}", "[1,]", "{'a':1}", "{a:1}", "{} {}", "01", "nul", "\"open",
      "{\"a\":1}x", "[\"tab\there\"]", "\"\\x\"", "\"\\u12\"", "NaN", "\ufeff{}", "{\"a\":1,}"})
  void rejectsAPayloadThatIsNotWellFormedJson(String payload) {
    assertInvalid(() -> withPayload(payload), "payload", "it is not well-formed JSON: ");
  }

  @Test
  void saysWhereThePayloadStopsBeingJson() {
    assertInvalid(() -> withPayload("{\"total\": 42,}"), "payload",
        "it is not well-formed JSON: unexpected '}' at offset 13 where a member name in quotes belongs");
  }

  @Test
  void rejectsAPayloadNestedDeeperThan512Levels() {
    assertThat(withPayload("[".repeat(512) + "]".repeat(512)).payload()).startsWith("[[");
    assertInvalid(() -> withPayload("[".repeat(513) + "]".repeat(513)), "payload", "nested deeper than 512 levels");
    assertInvalid(() -> withPayload("[".repeat(1 << 20)), "payload", "nested deeper than 512 levels");
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"a\":\"\u0000\"}", "\u0000{}", "{}\u0000", "{\"a\u0000\":1}", "{\"a\" \u0000: 1}"})
  void rejectsARawNulCharacterInThePayloadWhereverItIs(String payload) {
    assertInvalid(() -> withPayload(payload), "payload", "it contains a NUL character (U+0000) at offset ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"a\":\"\\u0000\"}", "[\"\\u0000\"]", "{\"\\u0000\":1}", "\"x\\u0000y\""})
  void rejectsAnEscapedNulCharacterInThePayload(String payload) {
    assertInvalid(() -> withPayload(payload), "payload", "it contains an escaped NUL character (\\u0000) at offset ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"a\":\"\ud800\"}", "{\"a\":\"\udfff\"}", "{\"a\":\"x\ude00\ud83d\"}", "\ud800{}",
      "{}\udc00", "{\"\ud83d\":1}", "{\"a\" \ud800: 1}"})
  void rejectsARawUnpairedSurrogateInThePayloadWhereverItIs(String payload) {
    assertInvalid(() -> withPayload(payload), "payload", "it contains an unpaired surrogate, which is not text");
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"a\":\"\\ud800\"}", "{\"a\":\"\\uDFFF\"}", "[\"\\ud83d\\u0041\"]",
      "[\"\\ude00\\ud83d\"]", "{\"\\ud83d\":1}", "\"\\ud83dx\""})
  void rejectsAnEscapedUnpairedSurrogateInThePayload(String payload) {
    assertInvalid(() -> withPayload(payload), "payload", "it contains the escaped unpaired surrogate \\u");
  }

  @Test
  void keepsSurrogatePairsInThePayloadRawOrEscaped() {
    assertThat(withPayload("{\"a\":\"😀\"}").payload()).isEqualTo("{\"a\":\"😀\"}");
    assertThat(withPayload("{\"a\":\"\\ud83d\\ude00\"}").payload()).isEqualTo("{\"a\":\"\\ud83d\\ude00\"}");
  }

  @Test
  void rejectsANulCharacterInTheAggregateIdHeadersAndNames() {
    assertInvalid(() -> new Event(ID, TENANT, "User", "4\u00002", "User.created", "{}", Map.of(), NOW),
        "aggregateId", "it contains a control character");
    assertInvalid(() -> withHeaders(Map.of("h", "v\u0000")), "header h", "it contains a control character");
    assertInvalid(() -> withHeaders(Map.of("h\u0000", "v")), "header name", "use letters, digits");
    assertInvalid(() -> event("User\u0000", "User\u0000.created", "{}", Map.of()), "aggregateType", "capitalised word");
    assertInvalid(() -> withName("User.created\u0000"), "event name", "Aggregate.verb");
  }

  @Test
  void rejectsAnUnpairedSurrogateInTheAggregateIdHeadersAndNames() {
    assertInvalid(() -> new Event(ID, TENANT, "User", "42\ud800", "User.created", "{}", Map.of(), NOW),
        "aggregateId", "unpaired surrogate");
    assertInvalid(() -> withHeaders(Map.of("h", "\udc00v")), "header h", "unpaired surrogate");
    assertInvalid(() -> withHeaders(Map.of("h\ud800", "v")), "header name", "use letters, digits");
    assertInvalid(() -> event("User\ud800", "User\ud800.created", "{}", Map.of()), "aggregateType", "capitalised word");
    assertInvalid(() -> withName("User.created\ud800"), "event name", "Aggregate.verb");
  }

  @Test
  void aRefusedValueIsShownWithItsLoneSurrogateEscaped() {
    InvalidValueException refused = assertInvalid(
        () -> new Event(ID, TENANT, "User", "42\ud800", "User.created", "{}", Map.of(), NOW), "aggregateId", "surrogate");

    assertThat(refused.getMessage()).startsWith("aggregateId \"42\\ud800\" is invalid");
  }

  @Test
  void acceptsOccurredAtFromYear1ToYear9999() {
    assertThat(at(Event.EARLIEST).occurredAt()).isEqualTo(Instant.parse("0001-01-01T00:00:00Z"));
    assertThat(at(Event.LATEST).occurredAt()).isEqualTo(Instant.parse("9999-12-31T23:59:59.999999Z"));
    assertThat(at(Instant.parse("9999-12-31T23:59:59.999999999Z")).occurredAt())
        .as("truncated to the microsecond first").isEqualTo(Event.LATEST);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0000-12-31T23:59:59.999999Z", "-4713-11-24T00:00:00Z", "+10000-01-01T00:00:00Z",
      "+294276-12-31T23:59:59Z", "-1000000000-01-01T00:00:00Z", "+1000000000-12-31T23:59:59.999999999Z"})
  void rejectsOccurredAtOutsideYears1To9999(String instant) {
    InvalidValueException refused =
        assertInvalid(() -> at(Instant.parse(instant)), "occurredAt", "it is outside the years 1 to 9999 (UTC)");

    assertThat(refused.getMessage()).startsWith("occurredAt \"" + instant + "\"");
  }

  @Test
  void rejectsTheFarthestInstantsJavaHas() {
    assertInvalid(() -> at(Instant.MIN), "occurredAt", "outside the years 1 to 9999");
    assertInvalid(() -> at(Instant.MAX), "occurredAt", "outside the years 1 to 9999");
    assertInvalid(() -> at(Event.EARLIEST.minusNanos(1)), "occurredAt", "outside the years 1 to 9999");
    assertInvalid(() -> at(Event.LATEST.plusNanos(1000)), "occurredAt", "outside the years 1 to 9999");
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
  void theOutboxSequenceIsAHeaderBesideTheMostAnEventCarries() {
    Event full = withHeaders(headers(Event.MAX_HEADERS));

    Event handedOut = full.withSequence(9_000_000_001L);

    assertThat(handedOut.headers()).hasSize(Event.MAX_HEADERS + 1).containsEntry(Event.SEQUENCE, "9000000001");
    assertThat(handedOut.sequence()).hasValue(9_000_000_001L);
    assertThat(full.sequence()).isEmpty();
    assertInvalid(() -> withHeaders(headers(Event.MAX_HEADERS + 1)), "headers", "more than 32 headers");
  }

  @Test
  void aSequenceThatIsNotANumberReadsAsNone() {
    assertThat(withHeaders(Map.of(Event.SEQUENCE, "soon")).sequence()).isEmpty();
  }

  @Test
  void eventIdParsesItsOwnString() {
    assertThat(EventId.parse(ID.toString())).isEqualTo(ID);
    assertInvalid(() -> EventId.parse("not-an-id"), "eventId", "it is not a UUID");
  }

  private static Event at(Instant occurredAt) {
    return new Event(ID, TENANT, "User", "42", "User.created", "{}", Map.of(), occurredAt);
  }

  /** {@code body} in quotes: a JSON string as long as the body plus two. */
  private static String jsonString(String body) {
    return "\"" + body + "\"";
  }

  private static Map<String, String> headers(int count) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      headers.put("h" + i, "v" + i);
    }
    return headers;
  }
}
