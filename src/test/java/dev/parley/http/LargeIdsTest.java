package dev.parley.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.Cli;
import dev.parley.testing.ParleyProcess;
import dev.parley.testing.Scenario;
import dev.parley.testing.TestStore;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ids above 2^31 work everywhere: the store's id counters are moved past 2^32 before the first
 * start, so every admin, team, tag, conversation and part id parley hands out is one.
 */
class LargeIdsTest {
  static final long ADMIN = 6_000_000_000L;
  static final long TEAM = 7_000_000_000L;
  static final long TAG = 4_294_967_296L + 5;
  static final long CONVERSATION = 3_000_000_000L;
  static final long PART = 5_000_000_000L;

  @TempDir static Path root;
  static ParleyProcess parley;
  static Api api;
  static Scenario s;

  @BeforeAll
  static void start() throws Exception {
    Path dataDir = root.resolve("data");
    Files.createDirectories(dataDir);
    String database = TestStore.postgres() ? TestStore.freshPostgresDatabase() : null;
    Cli.Result migrated = Cli.run(dataDir, database, "migrate");
    assertThat(migrated.exitCode()).as(migrated.output()).isZero();
    String jdbc = database != null ? database : "jdbc:sqlite:" + dataDir.resolve("parley.db");
    // SQLite allocates ids from id_counters rows; PostgreSQL from the sequences ids_<kind>
    // (migration 6).
    String sql =
        database != null
            ? "SELECT setval(CAST(? AS regclass), ?, false)"
            : "UPDATE id_counters SET next_id = ? WHERE name = ?";
    try (Connection c =
            DriverManager.getConnection(jdbc, database != null ? TestStore.pgUser() : null, null);
        PreparedStatement update = c.prepareStatement(sql)) {
      for (Object[] counter :
          new Object[][] {
            {"admin", ADMIN},
            {"team", TEAM},
            {"tag", TAG},
            {"conversation", CONVERSATION},
            {"part", PART}
          }) {
        if (database != null) {
          update.setString(1, "ids_" + counter[0]);
          update.setLong(2, (Long) counter[1]);
          assertThat(update.execute()).as("sequence %s", counter[0]).isTrue();
        } else {
          update.setLong(1, (Long) counter[1]);
          update.setString(2, (String) counter[0]);
          assertThat(update.executeUpdate()).as("counter %s", counter[0]).isEqualTo(1);
        }
      }
    }
    ParleyProcess.Builder builder = ParleyProcess.in(root);
    if (database != null) {
      builder.databaseUrl(database);
    }
    parley = builder.start();
    api = parley.api();
    s = new Scenario(api);
  }

  @AfterAll
  static void stop() {
    parley.stop();
  }

  private static JsonNode ok(ApiResponse response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.json();
  }

  @Test
  void adminsAndTeamsWithIdsAbove2To32() {
    assertThat(s.adminId()).isEqualTo(Long.toString(ADMIN));
    assertThat(ok(api.get("/admins/" + ADMIN)).path("id").asText()).isEqualTo(Long.toString(ADMIN));
    String team = Acceptance.team(parley, "default", "Big", Long.toString(ADMIN));
    assertThat(team).isEqualTo(Long.toString(TEAM));
    JsonNode teamJson = ok(api.get("/teams/" + team));
    assertThat(teamJson.path("admin_ids").path(0).asLong()).isEqualTo(ADMIN);
    assertThat(ok(api.get("/admins/" + ADMIN)).path("team_ids").path(0).asLong()).isEqualTo(TEAM);
    assertThat(ok(api.get("/me")).path("team_ids").path(0).asLong()).isEqualTo(TEAM);
    Acceptance.assertError(api.get("/admins/" + (ADMIN + 1)), 404, "admin_not_found");
  }

  @Test
  void conversationsPartsAndTagsWithIdsAbove2To31() {
    String contact = s.contact("big@example.com");
    String id = s.conversation(contact, "big ids");
    assertThat(Long.parseLong(id)).isGreaterThanOrEqualTo(CONVERSATION);
    JsonNode conversation = ok(api.get("/conversations/" + id));
    assertThat(Long.parseLong(conversation.path("source").path("id").asText()))
        .isGreaterThanOrEqualTo(PART);

    JsonNode replied = ok(s.adminReply(id, "comment", "reply"));
    String partId =
        replied.path("conversation_parts").path("conversation_parts").path(0).path("id").asText();
    assertThat(Long.parseLong(partId)).isGreaterThan(PART);
    ok(s.contactReply("last", contact, "to last"));
    assertThat(ok(api.put("/conversations/" + id, Map.of("title", "big"))).path("title").asText())
        .isEqualTo("big");

    String tag = ok(api.post("/tags", Map.of("name", "big tag"))).path("id").asText();
    assertThat(Long.parseLong(tag)).isGreaterThanOrEqualTo(TAG);
    ok(api.post("/tags", Map.of("id", tag, "name", "bigger tag")));
    ok(api.post("/conversations/" + id + "/tags", Map.of("id", tag, "admin_id", s.adminId())));
    JsonNode tagged = ok(api.get("/conversations/" + id));
    assertThat(tagged.path("tags").path("tags").path(0).path("id").asText()).isEqualTo(tag);
    assertThat(tagged.path("conversation_parts").path("total_count").asInt()).isEqualTo(2);
    ok(api.delete("/conversations/" + id + "/tags/" + tag, Map.of("admin_id", s.adminId())));
    assertThat(ok(api.get("/conversations/" + id)).path("tags").path("tags").size()).isZero();

    Acceptance.assertError(
        api.get("/conversations/" + (Long.parseLong(id) + 1000)), 404, "not_found");
  }

  @Test
  void cursorsWorkOverIdsAbove2To31() {
    String contact = s.contact("big-pages@example.com");
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      created.add(s.conversation(contact, "page " + i));
    }
    List<String> seen = new ArrayList<>();
    String path = "/conversations?per_page=2";
    while (path != null) {
      JsonNode page = ok(api.get(path));
      seen.addAll(Acceptance.ids(page, "conversations"));
      JsonNode next = page.path("pages").path("next");
      path =
          next.isMissingNode() || next.isNull()
              ? null
              : "/conversations?per_page=2&starting_after="
                  + URLEncoder.encode(next.path("starting_after").asText(), StandardCharsets.UTF_8);
    }
    assertThat(seen).doesNotHaveDuplicates().containsAll(created);
  }
}
