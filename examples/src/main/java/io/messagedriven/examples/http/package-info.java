/**
 * The seed's HTTP API: users of a tenant created and read over HTTP with the JDK's own server, no
 * framework. {@link io.messagedriven.examples.http.ApiServer} serves it from code (tests start it on
 * a free port), {@link io.messagedriven.examples.http.ApiServerMain} from the command line; errors
 * are RFC 9457 problem details. The README's "HTTP API" section shows it driven with curl.
 */
package io.messagedriven.examples.http;
