package dev.parley.jobs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes RFC 4180 CSV in UTF-8 to a stream: fields separated by commas, rows ended by CRLF, a field
 * quoted (its quotes doubled) only when it holds a comma, a quote, a CR or an LF. Null and empty
 * fields are written as nothing. It buffers on its own and writes ASCII and numbers straight into
 * its buffer, so a row costs no charset encoder and no number strings; call {@link #flush()} at the
 * end.
 */
final class CsvWriter {
  private static final int BUFFER = 1 << 16;
  private static final byte[] MIN_LONG =
      Long.toString(Long.MIN_VALUE).getBytes(StandardCharsets.US_ASCII);

  private final OutputStream out;
  private final byte[] buffer = new byte[BUFFER];
  private final byte[] digits = new byte[20];
  private int used;
  private boolean rowStarted;

  CsvWriter(OutputStream out) {
    this.out = out;
  }

  /** Appends one text field to the current row. */
  void field(String value) throws IOException {
    separator();
    if (value == null || value.isEmpty()) {
      return;
    }
    if (needsQuotes(value)) {
      quoted(value);
    } else {
      text(value);
    }
  }

  /** Appends one number field. */
  void field(long value) throws IOException {
    separator();
    number(value);
  }

  /** Appends a number field, or an empty one for null. */
  void field(Long value) throws IOException {
    separator();
    if (value != null) {
      number(value);
    }
  }

  /** Ends the current row. */
  void endRow() throws IOException {
    ensure(2);
    buffer[used++] = '\r';
    buffer[used++] = '\n';
    rowStarted = false;
  }

  /** Writes what is buffered to the stream and flushes it. */
  void flush() throws IOException {
    drain();
    out.flush();
  }

  private void separator() throws IOException {
    if (rowStarted) {
      ensure(1);
      buffer[used++] = ',';
    }
    rowStarted = true;
  }

  private void number(long value) throws IOException {
    if (value == Long.MIN_VALUE) {
      bytes(MIN_LONG);
      return;
    }
    ensure(20);
    if (value < 0) {
      buffer[used++] = '-';
      value = -value;
    }
    int n = 0;
    do {
      digits[n++] = (byte) ('0' + value % 10);
      value /= 10;
    } while (value != 0);
    while (n > 0) {
      buffer[used++] = digits[--n];
    }
  }

  private void quoted(String value) throws IOException {
    ensure(1);
    buffer[used++] = '"';
    int from = 0;
    for (int i = 0; i < value.length(); i++) {
      if (value.charAt(i) == '"') {
        text(value.substring(from, i + 1));
        ensure(1);
        buffer[used++] = '"';
        from = i + 1;
      }
    }
    text(value.substring(from));
    ensure(1);
    buffer[used++] = '"';
  }

  /** Writes a string as UTF-8: ASCII directly, anything else through the encoder. */
  private void text(String value) throws IOException {
    int length = value.length();
    if (length > BUFFER / 4) {
      bytes(value.getBytes(StandardCharsets.UTF_8));
      return;
    }
    ensure(length);
    int start = used;
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      if (c >= 0x80) {
        used = start;
        bytes(value.getBytes(StandardCharsets.UTF_8));
        return;
      }
      buffer[used++] = (byte) c;
    }
  }

  private void bytes(byte[] bytes) throws IOException {
    if (bytes.length > BUFFER - used) {
      drain();
      if (bytes.length > BUFFER) {
        out.write(bytes);
        return;
      }
    }
    System.arraycopy(bytes, 0, buffer, used, bytes.length);
    used += bytes.length;
  }

  private void ensure(int room) throws IOException {
    if (BUFFER - used < room) {
      drain();
    }
  }

  private void drain() throws IOException {
    if (used > 0) {
      out.write(buffer, 0, used);
      used = 0;
    }
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
