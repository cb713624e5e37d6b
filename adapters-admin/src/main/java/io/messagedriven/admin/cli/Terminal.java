package io.messagedriven.admin.cli;

import java.io.Console;

/** Where a destructive command asks for confirmation: the console, when there is one. */
public interface Terminal {

  /** Whether a person can be asked: standard input and output are a terminal. */
  boolean interactive();

  /** Shows {@code prompt} and reads one line of answer; null at end of input. */
  String ask(String prompt);

  /** The process's console ({@link System#console()}), or a terminal that is never interactive without one. */
  static Terminal system() {
    Console console = System.console();
    return new Terminal() {
      @Override
      public boolean interactive() {
        return console != null;
      }

      @Override
      public String ask(String prompt) {
        return console == null ? null : console.readLine("%s", prompt);
      }
    };
  }
}
