/** The connection behind the NATS handler; not public API. */
package io.messagedriven.publisher.nats.internal;
