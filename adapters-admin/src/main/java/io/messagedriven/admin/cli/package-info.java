/**
 * The admin command line, {@link io.messagedriven.admin.cli.AdminCli}: the outbox's status,
 * failures by cause, events by filter, requeue, delete, pause and resume of a tenant, purge.
 * Tables for people by default, {@code --json} for scripts.
 *
 * <pre>
 * java -jar message-driven-admin.jar --jdbc-url jdbc:postgresql://db/app?user=ops status
 * java -jar message-driven-admin.jar --jdbc-url ... failures --json
 * java -jar message-driven-admin.jar --jdbc-url ... requeue --cause 3f2a9c1b0d4e5f60 --yes
 * </pre>
 */
package io.messagedriven.admin.cli;
