package io.messagedriven.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Routes events to an {@code EventHandler} bean by their name: put it on the handler's class (a
 * {@code @Component}) or on its {@code @Bean} method. The starter's publisher hands every event
 * whose name matches one of the patterns to the bean, outside any transaction.
 *
 * <pre>{@code
 * @Component
 * @HandlesEvents("User.created")
 * class WelcomeEmail implements EventHandler {
 *   public void handle(Event event) { ... }
 * }
 * }</pre>
 *
 * <p>An {@code EventHandler} bean without this annotation is not routed (it may be part of a
 * handler of yours). An application that defines its own {@code EventRouter} bean routes events
 * itself, and the annotation is then ignored.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface HandlesEvents {
  /** Event names: {@code Aggregate.verb} (such as {@code User.created}), {@code Aggregate.*} or {@code *}. */
  String[] value();
}
