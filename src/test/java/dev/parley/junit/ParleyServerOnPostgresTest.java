package dev.parley.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.TestDatabase;
import dev.parley.testing.TestStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The JUnit extension's server on PostgreSQL (the PostgreSQL round of the suite): with {@value
 * ParleyServer#DATABASE_URL_PROPERTY} naming a database, {@link ParleyServer#start()} serves it
 * instead of SQLite; workspaces, their rows, the clock, faults and the journal work as on SQLite,
 * and two servers on one database never give the same workspace name.
 */
class ParleyServerOnPostgresTest {
  private static String url;
  private static ParleyServer server;

  @BeforeAll
  static void start() {
    Assumptions.assumeTrue(
        TestStore.postgres(), "the PostgreSQL mode runs in the PostgreSQL round");
    url = TestStore.freshPostgresDatabase();
    System.setProperty(ParleyServer.DATABASE_URL_PROPERTY, url);
    System.setProperty(ParleyServer.DATABASE_USER_PROPERTY, TestStore.pgUser());
    try {
      server = ParleyServer.start();
    } finally {
      System.clearProperty(ParleyServer.DATABASE_URL_PROPERTY);
      System.clearProperty(ParleyServer.DATABASE_USER_PROPERTY);
    }
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aWorkspaceOfTheServerLivesInThePostgresqlDatabase() {
    assertThat(server.databaseUrl()).isEqualTo(url);
    assertThat(server.toString()).contains("PostgreSQL");
    ParleyWorkspace workspace = server.createWorkspace(server.uniqueName("on-postgres"));
    Api api = new Api(workspace.baseUrl(), workspace.token());

    server.clock().freezeAt(1_764_878_400L);
    server.faults().add(workspace, "CreateContact", 503, 1);
    try {
      Map<String, Object> contact = Map.of("role", "user", "email", "pg@example.com");
      assertThat(api.post("/contacts", contact).status()).isEqualTo(503);
      ApiResponse created = api.post("/contacts", contact);
      assertThat(created.status()).as(created.toString()).isEqualTo(200);
      assertThat(created.json().get("created_at").asLong()).isEqualTo(1_764_878_400L);
    } finally {
      server.clock().real();
      server.faults().clear();
    }
    assertThat(workspace.journal().stream().map(ParleyRequest::status).toList())
        .isEqualTo(List.of(503, 200));

    try (TestDatabase db = TestDatabase.postgres(url)) {
      assertThat(
              db.number(
                  "SELECT COUNT(*) FROM contacts c JOIN workspaces w ON w.workspace_id ="
                      + " c.workspace_id WHERE w.name = ? AND c.email = 'pg@example.com'",
                  workspace.name()))
          .isEqualTo(1);
    }
  }

  @Test
  void twoServersOnOneDatabaseNameTheirWorkspacesApart() {
    System.setProperty(ParleyServer.DATABASE_URL_PROPERTY, url);
    System.setProperty(ParleyServer.DATABASE_USER_PROPERTY, TestStore.pgUser());
    try (ParleyServer second = ParleyServer.start()) {
      String first = server.createWorkspace().name();
      String other = second.createWorkspace().name();
      assertThat(first).isNotEqualTo(other);
      assertThat(second.uniqueName("same-test")).isNotEqualTo(server.uniqueName("same-test"));
    } finally {
      System.clearProperty(ParleyServer.DATABASE_URL_PROPERTY);
      System.clearProperty(ParleyServer.DATABASE_USER_PROPERTY);
    }
  }
}
