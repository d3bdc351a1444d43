package dev.parley.http;

import static dev.parley.http.Acceptance.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.ParleyExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /me}, {@code /admins}, {@code /admins/{id}}, {@code /teams}, {@code /teams/{id}}. */
class AdminsAndTeamsTest {
  @RegisterExtension
  static final ParleyExtension parley =
      ParleyExtension.perClass()
          .arg("--owner-name", "Olive Owner", "--owner-email", "olive@example.com");

  static Api api;

  static String owner;
  static String alice;
  static String bob;
  static String support;
  static String empty;
  static Acceptance.Token aliceToken;

  @BeforeAll
  static void setUp() {
    api = parley.api();
    owner = api.get("/me").json().path("id").asText();
    alice = Acceptance.admin(parley.process(), "default", "Alice Agent", "alice@example.com");
    bob = Acceptance.admin(parley.process(), "default", "Bob Agent", "bob@example.com");
    support = Acceptance.team(parley.process(), "default", "Support", alice, bob);
    empty = Acceptance.team(parley.process(), "default", "Nobody Yet");
    aliceToken = Acceptance.token(parley.process(), "default", alice, "read");
  }

  @Test
  void meAnswersTheTokensAdminWithItsWorkspace() {
    ApiResponse me = api.get("/me");
    assertThat(me.status()).isEqualTo(200);
    JsonNode body = me.json();
    assertThat(body.path("type").asText()).isEqualTo("admin");
    assertThat(body.path("id").isTextual()).isTrue();
    assertThat(body.path("id").asText()).matches(Acceptance.DIGITS);
    assertThat(body.path("name").asText()).isEqualTo("Olive Owner");
    assertThat(body.path("email").asText()).isEqualTo("olive@example.com");
    assertThat(body.path("app").path("type").asText()).isEqualTo("app");
    assertThat(body.path("app").path("name").asText()).isEqualTo("default");
    assertThat(body.path("app").path("id_code").asText()).isNotBlank();
    assertThat(body.path("app").path("created_at").asLong())
        .isBetween(Acceptance.now() - 600, Acceptance.now() + 5);
    assertThat(body.path("avatar").path("type").asText()).isEqualTo("avatar");
  }

  @Test
  void meAnswersTheAdminATokenWasCreatedFor() {
    JsonNode me = api.withToken(aliceToken.secret()).get("/me").json();
    assertThat(me.path("id").asText()).isEqualTo(alice);
    assertThat(me.path("name").asText()).isEqualTo("Alice Agent");
    assertThat(me.path("email").asText()).isEqualTo("alice@example.com");
    assertThat(me.path("team_ids").toString()).isEqualTo("[" + support + "]");
    // same workspace as the owner's token
    assertThat(me.path("app").path("id_code").asText())
        .isEqualTo(api.get("/me").json().path("app").path("id_code").asText());
  }

  @Test
  void adminsListsEveryAdminOfTheWorkspace() {
    ApiResponse list = api.get("/admins");
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.json().path("type").asText()).isEqualTo("admin.list");
    List<String> ids = Acceptance.ids(list.json(), "admins");
    assertThat(ids).containsExactlyInAnyOrder(owner, alice, bob);
    assertThat(list.json().findValuesAsText("email"))
        .containsExactlyInAnyOrder("olive@example.com", "alice@example.com", "bob@example.com");
    for (JsonNode admin : list.json().path("admins")) {
      assertThat(admin.path("type").asText()).isEqualTo("admin");
      assertThat(admin.path("id").isTextual()).isTrue();
    }
  }

  @Test
  void adminByIdAnswersTheAdminWithItsTeams() {
    ApiResponse got = api.get("/admins/" + bob);
    assertThat(got.status()).isEqualTo(200);
    JsonNode bobJson = got.json();
    assertThat(bobJson.path("type").asText()).isEqualTo("admin");
    assertThat(bobJson.path("id").asText()).isEqualTo(bob);
    assertThat(bobJson.path("name").asText()).isEqualTo("Bob Agent");
    assertThat(bobJson.path("email").asText()).isEqualTo("bob@example.com");
    assertThat(bobJson.path("team_ids").size()).isEqualTo(1);
    assertThat(bobJson.path("team_ids").path(0).isIntegralNumber()).isTrue();
    assertThat(bobJson.path("team_ids").path(0).asText()).isEqualTo(support);

    JsonNode ownerJson = api.get("/admins/" + owner).json();
    assertThat(ownerJson.path("name").asText()).isEqualTo("Olive Owner");
    assertThat(ownerJson.path("team_ids").size()).isZero();

    // the list shows the same admin as the single view
    JsonNode fromList = null;
    for (JsonNode admin : api.get("/admins").json().path("admins")) {
      if (admin.path("id").asText().equals(bob)) {
        fromList = admin;
      }
    }
    assertThat(fromList).isEqualTo(bobJson);
  }

  @Test
  void unknownAdminAnswers404AdminNotFound() {
    for (String id : List.of("999999999", "0", support)) {
      ApiResponse response = api.get("/admins/" + id);
      JsonNode error = assertError(response, 404, "admin_not_found");
      assertThat(error.path("message").asText()).as(id).isEqualTo("Admin not found");
    }
    // retrieveAdmin takes an integer id: any other segment is not that operation, so it is a
    // plain not_found.
    for (String path : List.of("abc", "1x")) {
      assertError(api.get("/admins/" + path), 404, "not_found");
    }
  }

  @Test
  void teamsListsEveryTeamOfTheWorkspaceWithItsAdmins() {
    ApiResponse list = api.get("/teams");
    assertThat(list.status()).isEqualTo(200);
    JsonNode body = list.json();
    assertThat(body.path("type").asText()).isEqualTo("team.list");
    assertThat(Acceptance.ids(body, "teams")).containsExactlyInAnyOrder(support, empty);
    for (JsonNode team : body.path("teams")) {
      assertThat(team.path("type").asText()).isEqualTo("team");
      if (team.path("id").asText().equals(support)) {
        assertThat(team.path("name").asText()).isEqualTo("Support");
        assertThat(adminIds(team)).containsExactlyInAnyOrder(alice, bob);
      } else {
        assertThat(team.path("name").asText()).isEqualTo("Nobody Yet");
        assertThat(adminIds(team)).isEmpty();
      }
    }
  }

  @Test
  void teamByIdAnswersTheTeam() {
    ApiResponse got = api.get("/teams/" + support);
    assertThat(got.status()).isEqualTo(200);
    JsonNode team = got.json();
    assertThat(team.path("type").asText()).isEqualTo("team");
    assertThat(team.path("id").asText()).isEqualTo(support);
    assertThat(team.path("name").asText()).isEqualTo("Support");
    assertThat(adminIds(team)).containsExactlyInAnyOrder(alice, bob);
    assertThat(team.path("admin_ids").path(0).isIntegralNumber()).isTrue();
  }

  @Test
  void unknownTeamAnswers404TeamNotFound() {
    for (String id : List.of("999999999", "abc", owner)) {
      // GET /teams/{id} declares its 404
      JsonNode error = assertError(api.get("/teams/" + id), 404, "team_not_found");
      assertThat(error.path("message").asText()).as(id).isEqualTo("Team not found");
    }
  }

  private static List<String> adminIds(JsonNode team) {
    List<String> ids = new ArrayList<>();
    team.path("admin_ids").forEach(id -> ids.add(id.asText()));
    return ids;
  }
}
