/** Implementation of the tracing: header stamping and publish spans. Not public API. */
package io.messagedriven.opentelemetry.internal;
