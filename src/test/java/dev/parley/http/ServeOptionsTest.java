package dev.parley.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.Cli;
import dev.parley.testing.ParleyProcess;
import dev.parley.testing.TestStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} refuses what it cannot run with before it opens the store: option values with a
 * message and exit code 2; a port it cannot listen on, a SQLite data dir another serve uses and a
 * store it cannot open with one line and exit code 1, never a stack trace.
 */
class ServeOptionsTest {
  @TempDir Path dir;

  @Test
  void aPoolSizeBelowOneIsRefusedBeforeAnythingStarts() {
    Cli.Result result = Cli.run(dir, null, "serve", "--port", "0", "--pool-size", "0");
    assertThat(result.exitCode()).as(result.output()).isEqualTo(2);
    assertThat(result.output()).contains("--pool-size must be >= 1").doesNotContain("Exception");
  }

  @Test
  void aPortOutOfRangeOrAHostThatDoesNotResolveIsRefusedWithExitCode2() {
    Cli.Result port = Cli.run(dir.resolve("a"), null, "serve", "--port", "70000");
    assertThat(port.exitCode()).as(port.output()).isEqualTo(2);
    assertThat(port.output())
        .contains("--port must be from 0 to 65535")
        .doesNotContain("Exception");
    Cli.Result host =
        Cli.run(dir.resolve("a"), null, "serve", "--port", "0", "--host", "999.1.1.1");
    assertThat(host.exitCode()).as(host.output()).isEqualTo(2);
    assertThat(host.output()).contains("--host 999.1.1.1").doesNotContain("Exception");
    assertThat(dir.resolve("a")).doesNotExist();
  }

  @Test
  void aPortInUseIsOneLineAndExitCode1AndCreatesNothing() {
    ParleyProcess running = ParleyProcess.in(dir.resolve("running")).start();
    try {
      Cli.Result result =
          Cli.run(dir.resolve("second"), null, "serve", "--port", Integer.toString(running.port()));
      assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
      assertThat(result.output())
          .contains("error: cannot listen on 127.0.0.1:" + running.port())
          .doesNotContain("Exception")
          .doesNotContain("Access token");
      assertThat(dir.resolve("second")).doesNotExist();
    } finally {
      running.stop();
    }
  }

  @Test
  void aSecondServeOnOneSqliteDataDirIsRefused() {
    Assumptions.assumeFalse(TestStore.postgres(), "a SQLite data dir only");
    ParleyProcess running = ParleyProcess.in(dir.resolve("shared")).start();
    try {
      Cli.Result result = Cli.run(running.dataDir(), null, "serve", "--port", "0");
      assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
      assertThat(result.output())
          .contains("error: another parley serve is using the data dir")
          .doesNotContain("Exception");
      assertThat(running.api().get("/me").status()).isEqualTo(200);
    } finally {
      running.stop();
    }
  }

  @Test
  void aDataDirThatCannotBeCreatedIsOneLineAndExitCode1() throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
    Cli.Result result = Cli.run(file.resolve("data"), null, "serve", "--port", "0");
    assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
    assertThat(result.output()).contains("error: parley could not start").doesNotContain("\tat ");
  }
}
