package io.messagedriven.jdbi.internal;

import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Listeners in this JVM to the commits of this store's transactions that appended events. They
 * hear of a commit as soon as it returns, a notification's round trip earlier than through
 * {@code LISTEN/NOTIFY}, which still tells every other process (and this one, as a fallback).
 */
final class LocalCommits {
  private final CopyOnWriteArrayList<Runnable> listeners = new CopyOnWriteArrayList<>();

  void add(Runnable listener) {
    listeners.add(listener);
  }

  void remove(Runnable listener) {
    listeners.remove(listener);
  }

  /** Called after a commit that appended events; listeners must be quick and must not throw. */
  void committed() {
    for (Runnable listener : listeners) {
      listener.run();
    }
  }
}
