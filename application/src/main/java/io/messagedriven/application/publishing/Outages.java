package io.messagedriven.application.publishing;

import io.messagedriven.application.port.NonRetryableException;
import io.messagedriven.application.port.TargetUnavailableException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.TimeoutException;

/** Tells an outage of the target (not the event's fault) from a refusal of one event. */
final class Outages {
  private Outages() {}

  /**
   * Whether {@code error} says the target as a whole is unavailable: a {@link
   * TargetUnavailableException}, or a connection that could not be made or was not answered in
   * time, anywhere in its causes. A {@link NonRetryableException} never is.
   */
  static boolean isOutage(Throwable error) {
    if (error instanceof NonRetryableException) {
      return false;
    }
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof TargetUnavailableException || t instanceof ConnectException || t instanceof NoRouteToHostException
          || t instanceof UnknownHostException || t instanceof PortUnreachableException
          || t instanceof SocketTimeoutException || t instanceof HttpTimeoutException || t instanceof TimeoutException) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }
}
