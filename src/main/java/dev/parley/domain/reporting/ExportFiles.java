package dev.parley.domain.reporting;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;

/**
 * Where export files live: one published file per complete job, and temporary files of jobs being
 * written, each named by workspace, job and (while temporary) generation. The filesystem
 * implementation is {@code dev.parley.jobs.FilesystemExportFiles}.
 */
public interface ExportFiles {

  /**
   * Starts the file of a claimed job's generation under a temporary name.
   *
   * @throws IOException when it cannot be created
   */
  Draft create(ExportJob job) throws IOException;

  /** The published file of a job, or empty when there is none. */
  Optional<Published> open(long workspaceId, String jobId) throws IOException;

  /** Every file of a workspace, published or temporary. */
  List<StoredFile> list(long workspaceId) throws IOException;

  /** Workspaces that have files. */
  List<Long> workspaces() throws IOException;

  /** Removes a file; removing a missing one succeeds. */
  void delete(StoredFile file) throws IOException;

  /** A file being written. Closing a draft that was not published removes it. */
  interface Draft extends Closeable {
    /** Where the bytes go. */
    OutputStream stream();

    /**
     * Makes the bytes durable and publishes them under the job's name (atomically replacing any
     * older file of the job).
     *
     * @return the file's size in bytes
     */
    long publish() throws IOException;
  }

  /** A published file opened for reading, with its size in bytes. */
  record Published(InputStream stream, long size) {}

  /**
   * A file on disk.
   *
   * @param generation the generation of a temporary file, or null for a published one
   */
  record StoredFile(long workspaceId, String jobId, Long generation) {
    public boolean published() {
      return generation == null;
    }
  }
}
