package dev.parley.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Searches the bytes of every file under a directory for strings (erasure proofs); gzip files
 * (reporting exports) are searched decompressed as well.
 */
public final class ByteSearch {
  private ByteSearch() {}

  /** "file: marker" for each marker found in each regular file under {@code root}. */
  public static List<String> findAll(Path root, Collection<String> markers) {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        byte[] bytes = Files.readAllBytes(file);
        byte[] inflated = gunzipped(bytes);
        for (String marker : markers) {
          byte[] needle = marker.getBytes(StandardCharsets.UTF_8);
          if (contains(bytes, needle) || (inflated != null && contains(inflated, needle))) {
            found.add(root.relativize(file) + ": " + marker);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return found;
  }

  /**
   * The decompressed bytes of a gzip file (export files, complete or still being written), as far
   * as they can be read; null when the bytes are not gzip.
   */
  static byte[] gunzipped(byte[] bytes) {
    if (bytes.length < 2 || (bytes[0] & 0xff) != 0x1f || (bytes[1] & 0xff) != 0x8b) {
      return null;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
      byte[] buffer = new byte[8192];
      for (int n; (n = in.read(buffer)) > 0; ) {
        out.write(buffer, 0, n);
      }
    } catch (IOException truncated) {
      // A file still being written ends early: what was read so far is searched.
    }
    return out.toByteArray();
  }

  /** Whether {@code text} holds {@code marker}. */
  public static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
