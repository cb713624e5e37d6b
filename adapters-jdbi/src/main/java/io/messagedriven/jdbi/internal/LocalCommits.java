package io.messagedriven.jdbi.internal;

import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Listeners in this JVM to the commits of this store's transactions that appended events. They
 * hear of a commit as soon as it returns, a notification's round trip earlier than through
 * {@code LISTEN/NOTIFY}, which still tells every other process (and this one, as a fallback).
 */
final class LocalCommits {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(LocalCommits.class);
  private final CopyOnWriteArrayList<Runnable> listeners = new CopyOnWriteArrayList<>();

  void add(Runnable listener) {
    listeners.add(listener);
  }

  void remove(Runnable listener) {
    listeners.remove(listener);
  }

  /**
   * Called after a commit that appended events. The commit has happened: a listener that throws
   * must not make it look failed to the caller, so what a listener throws is logged and dropped.
   */
  void committed() {
    for (Runnable listener : listeners) {
      try {
        listener.run();
      } catch (VirtualMachineError fatal) {
        throw fatal;
      } catch (Throwable e) {
        log.warn("a commit listener threw; the commit itself succeeded", e);
      }
    }
  }
}
