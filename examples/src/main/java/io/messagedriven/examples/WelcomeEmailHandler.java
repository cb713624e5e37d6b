package io.messagedriven.examples;

import io.messagedriven.application.port.EventHandler;
import io.messagedriven.application.port.NonRetryableException;
import io.messagedriven.domain.Event;
import io.messagedriven.domain.EventId;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The README's "Write a handler" sample: a handler of {@code User.created} that sends a welcome
 * mail once per event, however often the event is delivered.
 */
// tag::handler[]
public final class WelcomeEmailHandler implements EventHandler {
  private static final Pattern EMAIL = Pattern.compile("\"email\":\\s*\"([^\"]+)\"");

  private final Consumer<String> mailer;
  private final Set<EventId> sent = ConcurrentHashMap.newKeySet(); // use a table in production

  public WelcomeEmailHandler(Consumer<String> mailer) {
    this.mailer = mailer;
  }

  @Override
  public void handle(Event event) {
    if (sent.contains(event.id())) {
      return;                                    // at least once: a redelivery is not a new user
    }
    Matcher email = EMAIL.matcher(event.payload());
    if (!email.find()) {                         // retrying cannot fix a malformed event
      throw new NonRetryableException("User.created without an email: " + event.id());
    }
    mailer.accept(email.group(1));               // throw, and the event is retried with backoff
    sent.add(event.id());
  }
}
// end::handler[]
