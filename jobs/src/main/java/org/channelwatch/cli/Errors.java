package org.channelwatch.cli;

/** Turns an exception into one line a person can act on. */
final class Errors {
  private Errors() {}

  static String describe(Throwable exception) {
    Throwable cause = exception;
    // Flink and the clients wrap the interesting part a few layers deep.
    while (cause.getCause() != null && cause.getCause() != cause
        && (cause.getMessage() == null || cause instanceof java.util.concurrent.ExecutionException
            || cause.getClass().getName().startsWith("org.apache.flink.runtime.client"))) {
      cause = cause.getCause();
    }
    String message = cause.getMessage();
    return message == null ? cause.getClass().getSimpleName() : message;
  }
}
