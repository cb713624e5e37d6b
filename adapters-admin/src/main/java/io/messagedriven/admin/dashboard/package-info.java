/**
 * The web dashboard of the outbox, on {@code io.messagedriven.application.operations.Operations}:
 * reserved for the dashboard (built on its own branch), which the admin CLI starts with {@code
 * dashboard --port}.
 */
package io.messagedriven.admin.dashboard;
