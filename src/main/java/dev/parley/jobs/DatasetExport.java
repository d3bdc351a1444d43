package dev.parley.jobs;

import dev.parley.domain.Repositories;
import dev.parley.domain.Store;
import dev.parley.domain.conversation.ConversationMetrics;
import dev.parley.domain.reporting.Dataset;
import dev.parley.domain.reporting.ExportJob;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Streams the dataset of one job ({@code conversation} or {@code ticket}) into a gzip CSV: a header
 * row of the attribute ids asked for, then one row per reporting record whose start time is in the
 * job's range, ordered by that time and the conversation id. The rows are read in slices of {@value
 * #SLICE}, each slice in its own short read transaction (on SQLite a long one would hold back the
 * write-ahead-log checkpoint that erasure relies on), so memory stays bounded whatever the size of
 * the export. What a dataset reads and writes per row is its {@link Rows}: {@link
 * ConversationRows}, {@link TicketRows}.
 *
 * <p>Values: integers and Unix seconds in decimal, empty for null; booleans are {@code true} or
 * {@code false}.
 */
final class DatasetExport {
  /** Rows per slice (one read transaction). */
  static final int SLICE = 2000;

  private static final int BUFFER = 1 << 16;

  /** Called before every slice with the rows written so far; may stop the export by throwing. */
  interface Checkpoint {
    void reached(long rows) throws Stopped;
  }

  /** Thrown by a {@link Checkpoint} to stop an export; the partial output is then discarded. */
  static final class Stopped extends Exception {
    private static final long serialVersionUID = 1L;

    Stopped(String reason) {
      super(reason, null, false, false);
    }
  }

  /**
   * One dataset's rows: how a slice is read (by keyset, after a start time and a conversation id),
   * and how a row is written.
   *
   * @param <R> a row as the store reads it
   */
  interface Rows<R> {
    /** At most {@code limit} rows strictly after the keyset {@code (afterAt, afterId)}. */
    List<R> slice(Repositories repos, long afterAt, long afterId, int limit);

    /** The reporting record of a row: its time and id are the keyset of the next slice. */
    ConversationMetrics metrics(R row);

    /** Writes the attributes asked for, in their order, without ending the CSV row. */
    void write(CsvWriter csv, R row) throws IOException;
  }

  private final Store store;
  private final ExportJob job;
  private final Rows<?> rows;

  DatasetExport(Store store, ExportJob job) {
    this.store = store;
    this.job = job;
    this.rows =
        Dataset.TICKET.id().equals(job.datasetId())
            ? new TicketRows(job)
            : new ConversationRows(job);
  }

  /**
   * Writes the whole export to {@code out} (which the caller closes).
   *
   * @return the number of data rows written
   * @throws Stopped when the checkpoint stopped it
   */
  long writeTo(OutputStream out, Checkpoint checkpoint) throws IOException, Stopped {
    Gzip gzip = new Gzip(out);
    try {
      CsvWriter csv = new CsvWriter(gzip);
      for (String id : job.attributeIds()) {
        csv.field(id);
      }
      csv.endRow();
      long written = stream(csv, rows, checkpoint);
      csv.flush();
      gzip.finish();
      return written;
    } finally {
      gzip.release();
    }
  }

  private <R> long stream(CsvWriter csv, Rows<R> source, Checkpoint checkpoint)
      throws IOException, Stopped {
    long afterAt = job.startTime();
    long afterId = -1;
    long written = 0;
    while (true) {
      checkpoint.reached(written);
      long fromAt = afterAt;
      long fromId = afterId;
      List<R> slice = store.read(repos -> source.slice(repos, fromAt, fromId, SLICE));
      for (R row : slice) {
        source.write(csv, row);
        csv.endRow();
      }
      written += slice.size();
      if (slice.size() < SLICE) {
        return written;
      }
      ConversationMetrics last = source.metrics(slice.get(slice.size() - 1));
      afterAt = last.createdAt();
      afterId = last.conversationId();
    }
  }

  /** gzip at the fastest level, whose native memory is released even when the export stops. */
  private static final class Gzip extends GZIPOutputStream {
    Gzip(OutputStream out) throws IOException {
      super(out, BUFFER);
      // The fastest level: a CSV of ids and times still shrinks about tenfold, and the export
      // is bound by compression at higher levels.
      def.setLevel(Deflater.BEST_SPEED);
    }

    void release() {
      def.end();
    }
  }
}
