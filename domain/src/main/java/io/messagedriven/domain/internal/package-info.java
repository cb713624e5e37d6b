/** Checks and JSON writing shared by the domain's types. Not public API. */
package io.messagedriven.domain.internal;
