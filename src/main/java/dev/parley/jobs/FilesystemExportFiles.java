package dev.parley.jobs;

import dev.parley.domain.reporting.ExportFiles;
import dev.parley.domain.reporting.ExportJob;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Export files under one directory (default {@code <data-dir>/exports}): {@code <root>/<workspace
 * id>/<job id>.csv.gz} once published, and {@code <root>/<workspace id>/<job
 * id>.<generation>.csv.gz.tmp} while a worker writes it. A draft is synced before it is renamed to
 * its published name, so a crash never leaves a partial file under that name; removals sync the
 * directory.
 */
public final class FilesystemExportFiles implements ExportFiles {
  private static final Pattern JOB_ID = Pattern.compile("[a-z0-9]{1,64}");
  private static final Pattern PUBLISHED = Pattern.compile("([a-z0-9]{1,64})\\.csv\\.gz");
  private static final Pattern DRAFT =
      Pattern.compile("([a-z0-9]{1,64})\\.(\\d{1,19})\\.csv\\.gz\\.tmp");
  private static final Pattern WORKSPACE = Pattern.compile("\\d{1,19}");
  private static final int BUFFER = 1 << 16;

  private final Path root;

  /** Files under {@code root}, created if missing. */
  public FilesystemExportFiles(Path root) throws IOException {
    this.root = root;
    Files.createDirectories(root);
  }

  /** The directory the files live under. */
  public Path root() {
    return root;
  }

  @Override
  public Draft create(ExportJob job) throws IOException {
    Path dir = root.resolve(Long.toString(job.workspaceId()));
    Files.createDirectories(dir);
    Path temp = dir.resolve(checked(job.id()) + "." + job.generation() + ".csv.gz.tmp");
    Path target = dir.resolve(job.id() + ".csv.gz");
    FileChannel channel =
        FileChannel.open(
            temp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE);
    return new FileDraft(channel, temp, target);
  }

  @Override
  public Optional<Published> open(long workspaceId, String jobId) throws IOException {
    Path file = root.resolve(Long.toString(workspaceId)).resolve(checked(jobId) + ".csv.gz");
    try {
      FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
      return Optional.of(new Published(Channels.newInputStream(channel), channel.size()));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  @Override
  public List<StoredFile> list(long workspaceId) throws IOException {
    Path dir = root.resolve(Long.toString(workspaceId));
    List<StoredFile> files = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return files;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        Matcher published = PUBLISHED.matcher(name);
        Matcher draft = DRAFT.matcher(name);
        if (published.matches()) {
          files.add(new StoredFile(workspaceId, published.group(1), null));
        } else if (draft.matches()) {
          files.add(new StoredFile(workspaceId, draft.group(1), Long.parseLong(draft.group(2))));
        }
      }
    } catch (NoSuchFileException e) {
      return files;
    }
    return files;
  }

  @Override
  public List<Long> workspaces() throws IOException {
    List<Long> workspaces = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (Files.isDirectory(entry) && WORKSPACE.matcher(name).matches()) {
          workspaces.add(Long.parseLong(name));
        }
      }
    }
    return workspaces;
  }

  @Override
  public void delete(StoredFile file) throws IOException {
    Path dir = root.resolve(Long.toString(file.workspaceId()));
    String name =
        checked(file.jobId())
            + (file.published() ? ".csv.gz" : "." + file.generation() + ".csv.gz.tmp");
    if (Files.deleteIfExists(dir.resolve(name))) {
      syncDirectory(dir);
    }
  }

  private static String checked(String jobId) {
    if (!JOB_ID.matcher(jobId).matches()) {
      throw new IllegalArgumentException("not a job id");
    }
    return jobId;
  }

  private static void syncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Some filesystems cannot sync a directory; the file itself was synced.
    }
  }

  private static final class FileDraft implements Draft {
    private final FileChannel channel;
    private final OutputStream stream;
    private final Path temp;
    private final Path target;
    private boolean published;

    FileDraft(FileChannel channel, Path temp, Path target) {
      this.channel = channel;
      this.stream = new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER);
      this.temp = temp;
      this.target = target;
    }

    @Override
    public OutputStream stream() {
      return stream;
    }

    @Override
    public long publish() throws IOException {
      stream.flush();
      channel.force(true);
      long size = channel.size();
      channel.close();
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      syncDirectory(target.getParent());
      published = true;
      return size;
    }

    @Override
    public void close() throws IOException {
      if (published) {
        return;
      }
      try {
        channel.close();
      } finally {
        if (Files.deleteIfExists(temp)) {
          syncDirectory(temp.getParent());
        }
      }
    }
  }
}
