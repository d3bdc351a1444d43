package dev.parley.jobs;

import java.io.IOException;
import java.io.Writer;

/**
 * Writes RFC 4180 CSV: fields separated by commas, rows ended by CRLF, a field quoted (its
 * quotes doubled) only when it holds a comma, a quote, a CR or an LF. Empty and null fields
 * are written as nothing.
 */
final class CsvWriter {
  private final Writer out;
  private boolean rowStarted;

  CsvWriter(Writer out) {
    this.out = out;
  }

  /** Appends one field to the current row. */
  void field(String value) throws IOException {
    if (rowStarted) {
      out.write(',');
    }
    rowStarted = true;
    if (value == null || value.isEmpty()) {
      return;
    }
    if (!needsQuotes(value)) {
      out.write(value);
      return;
    }
    out.write('"');
    int from = 0;
    for (int i = 0; i < value.length(); i++) {
      if (value.charAt(i) == '"') {
        out.write(value, from, i - from + 1);
        out.write('"');
        from = i + 1;
      }
    }
    out.write(value, from, value.length() - from);
    out.write('"');
  }

  /** Appends a number field. */
  void field(long value) throws IOException {
    field(Long.toString(value));
  }

  /** Ends the current row. */
  void endRow() throws IOException {
    out.write("\r\n");
    rowStarted = false;
  }

  private static boolean needsQuotes(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == ',' || c == '"' || c == '\r' || c == '\n') {
        return true;
      }
    }
    return false;
  }
}
