package io.messagedriven.jdbi.internal;

import io.messagedriven.domain.EventId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Listeners in this JVM to the commits of this store's transactions that appended events. They
 * hear of a commit as soon as it returns, a notification's round trip earlier than through
 * {@code LISTEN/NOTIFY}, with the ids of the events it appended (empty when there were more than
 * a claim by id takes).
 */
final class LocalCommits {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(LocalCommits.class);
  private final CopyOnWriteArrayList<Consumer<List<EventId>>> listeners = new CopyOnWriteArrayList<>();

  void add(Consumer<List<EventId>> listener) {
    listeners.add(listener);
  }

  void remove(Consumer<List<EventId>> listener) {
    listeners.remove(listener);
  }

  /**
   * Called after a commit that appended events. The commit has happened: a listener that throws
   * must not make it look failed to the caller, so what a listener throws is logged and dropped.
   */
  void committed(List<EventId> appended) {
    for (Consumer<List<EventId>> listener : listeners) {
      try {
        listener.accept(appended);
      } catch (VirtualMachineError fatal) {
        throw fatal;
      } catch (Throwable e) {
        log.warn("a commit listener threw; the commit itself succeeded", e);
      }
    }
  }
}
