package io.messagedriven.application.port;

import io.messagedriven.domain.EventId;
import java.util.List;
import java.util.function.Consumer;

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

  /**
   * Like {@link #subscribe(Runnable)}, but a commit made in this process through the store these
   * signals belong to calls {@code onCommitHere} instead, on the committing thread as the commit
   * returns, with the ids of the events it appended (in write order), so a publisher can claim
   * exactly those ({@link OutboxPort#claimAppended}). {@code onAppend} still hears of every
   * other commit, and may also hear of this process's own (signals are hints); the same rules
   * apply to both callbacks. Signals that cannot tell a commit's events call {@code onAppend} for
   * every commit, which is the default.
   */
  default Subscription subscribe(Runnable onAppend, Consumer<List<EventId>> onCommitHere) {
    return subscribe(onAppend);
  }

  /** An active subscription. */
  interface Subscription extends AutoCloseable {
    @Override
    void close();
  }
}
