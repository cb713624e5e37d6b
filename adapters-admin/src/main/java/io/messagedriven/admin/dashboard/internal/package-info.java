/** The dashboard's server, guard, JSON endpoints and views; not part of the public API. */
package io.messagedriven.admin.dashboard.internal;
