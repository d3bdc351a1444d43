package dev.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.ParleyProcess;
import dev.parley.testing.Scenario;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code workspace delete NAME} and {@code workspace reset NAME} on a stopped server's store, in
 * their own JVMs as an operator runs them: the same erasures as {@code DELETE
 * /_parley/workspaces/{name}} and {@code POST .../reset} (the deleted workspace is gone after a
 * restart; the reset one keeps its token and loses its contacts, conversations and snapshots), what
 * they print, and the refusals (the bootstrap workspace, an unknown name: exit code 2).
 */
class WorkspaceEraseCommandTest {
  @TempDir Path root;

  private static JsonNode ok(ApiResponse response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.json();
  }

  @Test
  void deleteAndResetEraseOnAStoppedServersStore() {
    ParleyProcess first = ParleyProcess.in(root).start();
    String keptToken;
    String contact;
    try {
      Api operator = first.api().withToken(ParleyProcess.OPERATOR_TOKEN);
      ok(operator.post("/_parley/workspaces", Map.of("name", "cli-doomed")));
      keptToken =
          ok(operator.post("/_parley/workspaces", Map.of("name", "cli-emptied")))
              .path("token")
              .asText();
      Scenario s = new Scenario(first.api().withToken(keptToken));
      contact = s.contact("kept@example.com");
      s.conversation(contact, "<p>hello</p>");
      ok(operator.post("/_parley/workspaces/cli-emptied/snapshots", Map.of("name", "fix")));
      first.stop();

      var reset = first.cli("workspace", "reset", "cli-emptied");
      assertThat(reset.exitCode()).as(reset.output()).isZero();
      assertThat(reset.output())
          .contains("reset workspace cli-emptied: 1 conversation(s) and 0 upload(s) erased");
      var deleted = first.cli("workspace", "delete", "cli-doomed");
      assertThat(deleted.exitCode()).as(deleted.output()).isZero();
      assertThat(deleted.output()).contains("deleted workspace cli-doomed");

      var bootstrap = first.cli("workspace", "delete", "default");
      assertThat(bootstrap.exitCode()).as(bootstrap.output()).isEqualTo(2);
      assertThat(bootstrap.output()).contains("cannot be deleted");
      var unknown = first.cli("workspace", "reset", "cli-never");
      assertThat(unknown.exitCode()).as(unknown.output()).isEqualTo(2);
      assertThat(unknown.output()).contains("no workspace named 'cli-never'");

      var help = first.cli("workspace", "delete", "--help");
      assertThat(help.output()).contains("Delete workspace NAME with everything in it");
    } finally {
      first.close();
    }

    ParleyProcess second =
        ParleyProcess.in(root).databaseUrl(first.databaseUrl()).token(null).start();
    try {
      Api operator = second.api().withToken(ParleyProcess.OPERATOR_TOKEN);
      assertThat(operator.get("/_parley/workspaces/cli-doomed").status()).isEqualTo(404);
      Api kept = second.api().withToken(keptToken);
      assertThat(kept.get("/me").status()).as("the reset workspace's token").isEqualTo(200);
      assertThat(kept.get("/contacts/" + contact).status()).isEqualTo(404);
      assertThat(ok(kept.get("/conversations")).path("conversations")).isEmpty();
      assertThat(ok(operator.get("/_parley/workspaces/cli-emptied/snapshots")).path("data"))
          .isEmpty();
    } finally {
      second.close();
    }
  }
}
