package io.messagedriven.application.port;

/**
 * Tells idle publishers that events were appended, so they claim at once instead of waiting
 * for their next poll. Signals are hints: one may be lost (a dropped connection) or spurious,
 * so publishers keep polling as a fallback.
 */
public interface OutboxSignals {

  /**
   * Calls {@code onAppend} after each commit that appended events, from a thread of the
   * implementation's, or, for a commit made in this process, on the thread that committed, as
   * the commit returns; also after reconnecting, since signals may have been missed meanwhile.
   * {@code onAppend} must be quick and must not throw (a publisher only releases a semaphore).
   * Close the returned subscription to stop.
   */
  Subscription subscribe(Runnable onAppend);

  /** An active subscription. */
  interface Subscription extends AutoCloseable {
    @Override
    void close();
  }
}
