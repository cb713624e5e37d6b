package io.messagedriven.examples;

import io.messagedriven.admin.dashboard.Dashboard;
import io.messagedriven.application.operations.Operations;
import io.messagedriven.jdbi.PostgresStore;
import java.io.PrintStream;

/**
 * The README's "Dashboard" sample, compiled and run by the build (DashboardExampleIT): the web
 * dashboard embedded in an application, on the application's own store. {@code ApiServerMain
 * --dashboard-port} runs it beside the HTTP API.
 */
public final class DashboardExample {
  private DashboardExample() {}

  /**
   * Starts the dashboard of {@code store} on 127.0.0.1:{@code port}, guarded by {@code token};
   * the caller closes it.
   */
  public static Dashboard start(PostgresStore store, int port, String token, PrintStream out) {
    // tag::dashboard[]
    Dashboard dashboard = Dashboard.builder()
        .operations(new Operations(store.operations()))   // what the page shows and does
        .port(port)                                       // on 127.0.0.1 unless .bindAddress(...) says otherwise
        .token(token)                                     // leave it out to get a random one: dashboard.token()
        .build();
    dashboard.start();
    out.println("Dashboard on " + dashboard.uri() + ", log in at " + dashboard.loginUri());
    // end::dashboard[]
    return dashboard;
  }
}
