/**
 * The ports of the seed's sample: {@link io.messagedriven.application.user.port.Users} gives a
 * {@link io.messagedriven.application.user.port.UserRepository} bound to a unit of work of the
 * outbox, so a user and its events commit together. Nothing of the outbox depends on them.
 */
package io.messagedriven.application.user.port;
