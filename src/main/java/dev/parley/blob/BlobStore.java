package dev.parley.blob;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where upload bytes live, under keys parley chooses (random, content-free). The filesystem
 * implementation is {@link FilesystemBlobStore}; an S3-compatible one can follow.
 */
public interface BlobStore {

  /**
   * Stores {@code bytes} under {@code key} durably (written, synced, then made visible).
   *
   * @throws IOException when the bytes could not be stored; nothing is left under the key
   */
  void put(String key, byte[] bytes) throws IOException;

  /** The bytes under {@code key} as a stream, or empty when there are none. */
  Optional<InputStream> open(String key) throws IOException;

  /**
   * Removes the bytes under {@code key}; removing a missing key succeeds.
   *
   * @throws IOException when the bytes may still be there
   */
  void delete(String key) throws IOException;

  /**
   * Removes the bytes under {@code key} now, without waiting until the removal would survive a
   * power cut; {@link #syncRemovals} waits for that, for many keys at once. Removing a missing key
   * succeeds. By default the same as {@link #delete}.
   *
   * @throws IOException when the bytes may still be there
   */
  default void removeNow(String key) throws IOException {
    delete(key);
  }

  /**
   * Makes earlier {@link #removeNow} removals of {@code keys} durable. By default nothing: {@link
   * #delete} is durable by itself.
   *
   * @throws IOException when a removal may not be durable
   */
  default void syncRemovals(Collection<String> keys) throws IOException {}

  /** Whether bytes exist under {@code key}. */
  boolean exists(String key);

  /**
   * Every key that has bytes in the store, or a write that never finished (a crash between the
   * write and its rename), with the time its bytes were last written. For the start-up sweep of
   * bytes that no row names; {@link #delete} removes both kinds. The stream holds directory
   * handles: close it.
   *
   * @throws IOException when the store cannot be listed
   */
  Stream<Stored> list() throws IOException;

  /**
   * A key found by {@link #list}.
   *
   * @param modifiedAt when its bytes were last written, Unix seconds
   */
  record Stored(String key, long modifiedAt) {}
}
