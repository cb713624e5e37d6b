/** Implementation of the publisher: threads, capacity and shutdown. Not public API. */
package io.messagedriven.publisher.internal;
