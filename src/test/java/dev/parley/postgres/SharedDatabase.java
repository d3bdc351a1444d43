package dev.parley.postgres;

import dev.parley.testing.ParleyProcess;
import dev.parley.testing.TestStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Several parley processes behind one load balancer, as issue 6 runs them: one fresh PostgreSQL
 * database, one shared upload directory ({@code --blob-dir}), one bootstrap token, and a data dir
 * of their own each. Always PostgreSQL, whatever store the suite runs on.
 */
final class SharedDatabase {
  final Path root;
  final String url;
  final Path blobDir;
  final String token = "shared-token-" + UUID.randomUUID();

  SharedDatabase(Path root) {
    this.root = root;
    this.url = TestStore.freshPostgresDatabase();
    this.blobDir = root.resolve("shared-uploads");
  }

  /** A builder of one more process on the shared database and upload directory. */
  ParleyProcess.Builder process(String name) {
    return ParleyProcess.in(root.resolve(name))
        .databaseUrl(url)
        .token(token)
        .arg("--blob-dir", blobDir.toString());
  }

  /** Starts one more process. */
  ParleyProcess start(String name) {
    return process(name).start();
  }

  /** Regular files in the shared upload directory. */
  List<Path> uploadFiles() {
    if (!Files.exists(blobDir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(blobDir)) {
      return files.filter(Files::isRegularFile).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
