package dev.parley.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/** Searches the bytes of every file under a directory for strings (erasure proofs). */
public final class ByteSearch {
  private ByteSearch() {}

  /** "file: marker" for each marker found in each regular file under {@code root}. */
  public static List<String> findAll(Path root, Collection<String> markers) {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        byte[] bytes = Files.readAllBytes(file);
        for (String marker : markers) {
          if (contains(bytes, marker.getBytes(StandardCharsets.UTF_8))) {
            found.add(root.relativize(file) + ": " + marker);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return found;
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
