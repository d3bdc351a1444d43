package dev.parley.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.Cli;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve} refuses option values it cannot run with, with a message and exit code 2. */
class ServeOptionsTest {
  @TempDir Path dir;

  @Test
  void aPoolSizeBelowOneIsRefusedBeforeAnythingStarts() {
    Cli.Result result = Cli.run(dir, null, "serve", "--port", "0", "--pool-size", "0");
    assertThat(result.exitCode()).as(result.output()).isEqualTo(2);
    assertThat(result.output()).contains("--pool-size must be >= 1").doesNotContain("Exception");
  }
}
