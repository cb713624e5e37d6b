/**
 * Argument checks, cursors and tenant-aware reads shared by the queries. Not public API.
 */
package io.messagedriven.application.internal;
