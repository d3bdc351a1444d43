package dev.parley.http;

/**
 * Describes an unexpected exception for the log without its messages: messages of SQL and JSON
 * exceptions can quote statements, bound values or request bodies, which must never reach a log.
 * Class names and stack frames are enough to find the fault.
 */
final class SafeErrors {
  private SafeErrors() {}

  static String describe(Throwable error) {
    StringBuilder text = new StringBuilder();
    Throwable current = error;
    int depth = 0;
    while (current != null && depth < 8) {
      if (depth > 0) {
        text.append("\ncaused by ");
      }
      text.append(current.getClass().getName());
      StackTraceElement[] frames = current.getStackTrace();
      for (int i = 0; i < Math.min(frames.length, 12); i++) {
        text.append("\n\tat ").append(frames[i]);
      }
      current = current.getCause() == current ? null : current.getCause();
      depth++;
    }
    return text.toString();
  }
}
