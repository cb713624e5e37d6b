/** Implementation of the metrics: meters, the metering listener and timed handlers. Not public API. */
package io.messagedriven.micrometer.internal;
