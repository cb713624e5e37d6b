/** What the admin CLI and the dashboard share: the JSON shapes of the operations' records. Not public API. */
package io.messagedriven.admin.internal;
