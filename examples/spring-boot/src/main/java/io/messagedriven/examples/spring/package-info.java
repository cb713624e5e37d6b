/**
 * A Spring Boot service with the message-driven starter: {@link
 * io.messagedriven.examples.spring.SignupService} writes a user, its event and a row of its own in
 * one {@code @Transactional} method, {@link io.messagedriven.examples.spring.WelcomeHandler}
 * receives the event, {@link io.messagedriven.examples.spring.UserController} serves it over HTTP.
 */
package io.messagedriven.examples.spring;
