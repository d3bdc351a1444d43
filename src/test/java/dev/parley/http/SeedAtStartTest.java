package dev.parley.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.ParleyProcess;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve --seed FILE} (issue 17, "Seeding"): the fixture's workspace is created with a token
 * printed once and seeded; a restart with the same flag adds nothing; a fixture with bad input
 * stops the start, naming the field, and leaves nothing behind.
 */
class SeedAtStartTest {
  private static final Pattern TOKEN =
      Pattern.compile("Access token of workspace 'seeded' \\(shown once, store it now\\): (\\S+)");

  @TempDir Path root;

  private static Path fixture() throws URISyntaxException {
    return Path.of(SeedAtStartTest.class.getResource("/seed/workspace.json").toURI());
  }

  private static JsonNode ok(ApiResponse response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.json();
  }

  private static List<String> conversationBodies(Api api) {
    List<String> bodies = new ArrayList<>();
    ok(api.get("/conversations"))
        .path("conversations")
        .forEach(c -> bodies.add(c.path("source").path("body").asText()));
    return bodies;
  }

  @Test
  void serveSeedCreatesTheWorkspaceSeedsItAndARestartAddsNothing() throws Exception {
    String token;
    String databaseUrl;
    List<String> before;
    try (ParleyProcess first = ParleyProcess.in(root).arg("--seed", fixture().toString()).start()) {
      Matcher m = TOKEN.matcher(first.log());
      assertThat(m.find()).as(first.log()).isTrue();
      token = m.group(1);
      databaseUrl = first.databaseUrl();
      Api api = first.api().withToken(token);
      before = conversationBodies(api);
      assertThat(before)
          .containsExactlyInAnyOrder("<p>I want a refund</p>", "<p>Do you ship to Mars?</p>");
      assertThat(ok(api.get("/contacts")).path("total_count").asInt()).isEqualTo(2);
      assertThat(ok(first.api().get("/contacts")).path("total_count").asInt())
          .as("the default workspace holds none of it")
          .isZero();
    }

    ParleyProcess.Builder again = ParleyProcess.in(root).arg("--seed", fixture().toString());
    if (databaseUrl != null) {
      again.databaseUrl(databaseUrl);
    }
    try (ParleyProcess second = again.start()) {
      assertThat(second.log()).doesNotContain("Access token of workspace");
      assertThat(second.log()).contains("already holds contacts or conversations");
      Api api = second.api().withToken(token);
      assertThat(conversationBodies(api)).containsExactlyInAnyOrderElementsOf(before);
      assertThat(ok(api.get("/contacts")).path("total_count").asInt()).isEqualTo(2);
    }
  }

  @Test
  void aFixtureWithBadInputStopsTheStartNamingTheField() throws Exception {
    String text = Files.readString(fixture());
    Path bad = root.resolve("bad.json");
    Files.writeString(
        bad, text.replace("\"created_at\": 1735862400", "\"created_at\": 99999999999"));
    assertThatThrownBy(() -> ParleyProcess.in(root).arg("--seed", bad.toString()).start())
        .hasMessageContaining("conversations[1].created_at")
        .hasMessageContaining("could not start");
    Path missing = root.resolve("missing.json");
    assertThatThrownBy(() -> ParleyProcess.in(root).arg("--seed", missing.toString()).start())
        .hasMessageContaining("missing.json");
  }
}
