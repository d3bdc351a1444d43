package dev.parley.blob;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Upload bytes as files under one directory: {@code <root>/<first two key chars>/<key>}. Files are
 * written to a temporary name, synced and renamed, so a crash never leaves a partial file under a
 * key; removals sync the directory so they survive a power cut.
 */
public final class FilesystemBlobStore implements BlobStore {
  private static final Pattern KEY = Pattern.compile("[a-z0-9]{16,128}");

  /** The suffix of a file being written; renamed to its key once synced. */
  private static final String TEMP = ".tmp";

  private final Path root;

  /** A store rooted at {@code root}, created if missing. */
  public FilesystemBlobStore(Path root) throws IOException {
    this.root = root;
    Files.createDirectories(root);
  }

  public Path root() {
    return root;
  }

  @Override
  public void put(String key, byte[] bytes) throws IOException {
    Path target = pathOf(key);
    Files.createDirectories(target.getParent());
    Path temp = target.resolveSibling(key + TEMP);
    try (FileChannel channel =
        FileChannel.open(
            temp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    } catch (IOException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
    syncDirectory(target.getParent());
  }

  @Override
  public Optional<InputStream> open(String key) throws IOException {
    try {
      return Optional.of(Files.newInputStream(pathOf(key)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /** Removes the file under {@code key}, and a partial write of it left by a crash. */
  @Override
  public void delete(String key) throws IOException {
    Path path = pathOf(key);
    boolean removed = Files.deleteIfExists(path);
    removed |= Files.deleteIfExists(path.resolveSibling(key + TEMP));
    if (removed) {
      syncDirectory(path.getParent());
    }
  }

  /** Unlinks the file; its directory is synced later by {@link #syncRemovals}. */
  @Override
  public void removeNow(String key) throws IOException {
    Files.deleteIfExists(pathOf(key));
  }

  /** Syncs each directory that held one of {@code keys}, once. */
  @Override
  public void syncRemovals(Collection<String> keys) throws IOException {
    Set<Path> dirs = new HashSet<>();
    for (String key : keys) {
      dirs.add(pathOf(key).getParent());
    }
    for (Path dir : dirs) {
      syncDirectory(dir);
    }
  }

  /**
   * The files of the two-character directories under the root whose names are keys (or keys with
   * the temporary suffix); anything else under the root is left out.
   */
  @Override
  public Stream<Stored> list() throws IOException {
    return Files.find(root, 2, (path, attributes) -> attributes.isRegularFile())
        .map(FilesystemBlobStore::stored)
        .filter(Objects::nonNull);
  }

  private static Stored stored(Path path) {
    String name = path.getFileName().toString();
    String key = name.endsWith(TEMP) ? name.substring(0, name.length() - TEMP.length()) : name;
    Path dir = path.getParent();
    if (!KEY.matcher(key).matches()
        || dir == null
        || !dir.getFileName().toString().equals(key.substring(0, 2))) {
      return null;
    }
    try {
      return new Stored(key, Files.getLastModifiedTime(path).toInstant().getEpochSecond());
    } catch (IOException e) {
      return null; // gone since it was listed
    }
  }

  @Override
  public boolean exists(String key) {
    return Files.exists(pathOf(key));
  }

  private Path pathOf(String key) {
    if (!KEY.matcher(key).matches()) {
      throw new IllegalArgumentException("not a blob key");
    }
    return root.resolve(key.substring(0, 2)).resolve(key);
  }

  private static void syncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Some filesystems cannot sync a directory; the file itself was synced.
    }
  }
}
