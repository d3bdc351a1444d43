package dev.parley.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.ParleyProcess;
import dev.parley.testing.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code DELETE /_parley/workspaces/{name}} with two parley processes on one PostgreSQL
 * (docs/testing-with-parley.md, "While a delete runs"): the process that did not delete the
 * workspace still trusts its token (its token cache, held by a frozen clock), so it accepts the
 * workspace's requests; a write among them fails on the foreign key to {@code workspaces} and
 * answers 401, and no row of the deleted workspace is left in any table.
 */
class WorkspaceDeleteAcrossProcessesTest {
  @TempDir static Path root;

  private static SharedDatabase shared;
  private static ParleyProcess deleter;
  private static ParleyProcess other;

  @BeforeAll
  static void start() {
    shared = new SharedDatabase(root);
    deleter = shared.start("deleter");
    other = shared.start("other");
  }

  @AfterAll
  static void stop() {
    if (other != null) {
      other.stop();
    }
    if (deleter != null) {
      deleter.stop();
    }
  }

  @Test
  void aWriteTheOtherProcessAcceptsAfterTheDeleteLeavesNoRowOfTheWorkspace() throws Exception {
    Api operator = new Api(deleter.baseUrl(), ParleyProcess.OPERATOR_TOKEN);
    ApiResponse created = operator.post("/_parley/workspaces", Map.of("name", "doomed"));
    assertThat(created.status()).as(created.toString()).isEqualTo(200);
    Api doomed = other.api().withToken(created.json().get("token").asText());
    long workspaceId;
    try (TestDatabase db = TestDatabase.postgres(shared.url)) {
      workspaceId = db.number("SELECT workspace_id FROM workspaces WHERE name = 'doomed'");
    }

    // The other process finds the token valid and, its clock frozen, keeps trusting it.
    other.moveClock("{\"frozen_at\": " + (System.currentTimeMillis() / 1000) + "}");
    ApiResponse before =
        doomed.post("/contacts", Map.of("role", "user", "email", "before@example.com"));
    assertThat(before.status()).as(before.toString()).isEqualTo(200);
    String contact = before.json().get("id").asText();

    ApiResponse deleted = operator.delete("/_parley/workspaces/doomed");
    assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
    assertThat(deleted.json().get("deleted").asBoolean()).isTrue();

    // Still trusted there: a read answers, from a workspace that holds nothing any more.
    ApiResponse list = doomed.get("/contacts");
    assertThat(list.status()).as(list.toString()).isEqualTo(200);
    assertThat(list.json().get("data")).isEmpty();
    assertThat(doomed.get("/contacts/" + contact).status()).isEqualTo(404);

    // Writes that would have added rows under the deleted workspace's id answer 401.
    List<ApiResponse> writes =
        List.of(
            doomed.post("/contacts", Map.of("role", "user", "email", "after@example.com")),
            doomed.post("/tags", Map.of("name", "after")),
            doomed.post(
                "/contacts",
                Map.of("role", "lead", "name", "after", "custom_attributes", Map.of())));
    for (ApiResponse write : writes) {
      assertThat(write.status()).as(write.toString()).isEqualTo(401);
      assertThat(write.errorCode()).isEqualTo("unauthorized");
    }

    try (TestDatabase db = TestDatabase.postgres(shared.url)) {
      db.awaitEmptyBlobQueue();
      List<List<Object>> tables =
          db.rows(
              "SELECT table_name FROM information_schema.columns WHERE column_name ="
                  + " 'workspace_id' AND table_schema = current_schema() ORDER BY table_name");
      assertThat(tables).hasSizeGreaterThan(30);
      for (List<Object> table : tables) {
        assertThat(
                db.number(
                    "SELECT COUNT(*) FROM " + table.get(0) + " WHERE workspace_id = ?",
                    workspaceId))
            .as("rows of the deleted workspace in %s", table.get(0))
            .isZero();
      }
    }
    other.resetClock();
    assertThat(other.log()).doesNotContain("status=500");
    assertThat(deleter.log()).doesNotContain("status=500");
  }
}
