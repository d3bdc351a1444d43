package dev.parley.http;

import static dev.parley.http.Acceptance.raw;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ParleyProcess;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code PARLEY_BOOTSTRAP_TOKEN} on a store bootstrapped before: the README's first user set it
 * after a first start had created the store, and every request got 401 without a word. Now a
 * restart with a token the store does not hold warns on standard error and in the log; a restart
 * with the token the store holds does not.
 */
class BootstrapTokenWarningTest {
  @TempDir Path root;

  @Test
  void aBootstrapTokenTheStoreDoesNotHoldIsWarnedAboutAndOneItHoldsIsNot() {
    String first = "first-token-" + UUID.randomUUID();
    String other = "other-token-" + UUID.randomUUID();
    ParleyProcess bootstrapped = ParleyProcess.in(root).token(first).start();
    String databaseUrl = bootstrapped.databaseUrl();
    assertThat(bootstrapped.log()).doesNotContain("IGNORED");
    bootstrapped.stop();

    ParleyProcess.Builder restart = ParleyProcess.in(root).token(other);
    if (databaseUrl != null) {
      restart.databaseUrl(databaseUrl);
    }
    try (ParleyProcess ignored = restart.start()) {
      assertThat(ignored.log())
          .contains("WARNING: PARLEY_BOOTSTRAP_TOKEN is set but IGNORED")
          .contains("WARN  Parley - PARLEY_BOOTSTRAP_TOKEN is set but IGNORED")
          .doesNotContain(other);
      assertThat(raw(ignored, other, "GET", "/me", null).status()).isEqualTo(401);
      assertThat(raw(ignored, first, "GET", "/me", null).status()).isEqualTo(200);
    }

    ParleyProcess.Builder again = ParleyProcess.in(root).token(first);
    if (databaseUrl != null) {
      again.databaseUrl(databaseUrl);
    }
    try (ParleyProcess known = again.start()) {
      assertThat(known.log()).doesNotContain("IGNORED").contains("holds this token");
      assertThat(raw(known, first, "GET", "/me", null).status()).isEqualTo(200);
    }
  }
}
