package dev.parley.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The JUnit extension of the {@code junit} artifact, as a user's test class registers it: a
 * workspace per test by parameter, the run's in-process server, its clock, faults and journal
 * driven over {@code /_parley/}, and the clock and faults put back after each test.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ParleyExtensionTest {
  private static final long DEC_4_2025 = 1_764_878_400L;

  @RegisterExtension static final ParleyExtension parley = new ParleyExtension();

  /** Every workspace a test of this class was given. */
  private static final List<String> given = new ArrayList<>();

  private String workspaceOfBeforeEach;

  @BeforeEach
  void rememberTheWorkspace(ParleyWorkspace workspace) {
    workspaceOfBeforeEach = workspace.name();
  }

  @AfterAll
  static void everyTestHadAWorkspaceOfItsOwn() {
    assertThat(given).hasSizeGreaterThanOrEqualTo(5).doesNotHaveDuplicates();
  }

  private static Api api(ParleyWorkspace workspace) {
    given.add(workspace.name());
    return new Api(workspace.baseUrl(), workspace.token());
  }

  @Test
  @Order(1)
  void aTestGetsAFreshWorkspaceWhoseTokenActsAsItsOwner(ParleyWorkspace workspace) {
    Api api = api(workspace);
    assertThat(workspace.name()).startsWith("ParleyExtensionTest.aTestGetsAFreshWorkspace");
    assertThat(workspace.name()).isEqualTo(workspaceOfBeforeEach);
    assertThat(workspace.token()).isNotBlank();
    assertThat(workspace.clientSecret()).isNotBlank();
    assertThat(workspace.toString()).doesNotContain(workspace.token(), workspace.clientSecret());

    ApiResponse me = api.get("/me");
    assertThat(me.status()).as(me.toString()).isEqualTo(200);
    assertThat(me.json().path("id").asText()).isEqualTo(workspace.adminId());
    assertThat(me.json().path("app").path("id_code").asText()).isEqualTo(workspace.appId());
    ApiResponse contacts = api.get("/contacts");
    assertThat(contacts.json().path("total_count").asInt()).as("nothing in it").isZero();
  }

  @Test
  @Order(2)
  void theClockFreezesAdvancesAndTimestampsFollowIt(ParleyWorkspace workspace) {
    Api api = api(workspace);
    Scenario scenario = new Scenario(api);
    assertThat(parley.clock().freezeAt(DEC_4_2025)).isEqualTo(DEC_4_2025);
    assertThat(parley.clock().frozen()).isTrue();
    String early = scenario.contact("early@example.com");
    assertThat(parley.clock().advance(3600)).isEqualTo(DEC_4_2025 + 3600);
    String late = scenario.contact("late@example.com");

    assertThat(api.get("/contacts/" + early).json().path("created_at").asLong())
        .isEqualTo(DEC_4_2025);
    assertThat(api.get("/contacts/" + late).json().path("created_at").asLong())
        .isEqualTo(DEC_4_2025 + 3600);
    assertThat(parley.clock().now()).isEqualTo(DEC_4_2025 + 3600);
    assertThat(parley.clock().real()).isGreaterThan(DEC_4_2025 + 3600);
    assertThat(parley.clock().frozen()).isFalse();
  }

  @Test
  @Order(3)
  void aFaultRuleAnswersTheNextRequestsOfItsOperationAndIsUsedUp(ParleyWorkspace workspace) {
    Api api = api(workspace);
    String rule = parley.faults().add(workspace, "listAdmins", 503, 2);
    assertThat(parley.faults().list()).extracting(r -> r.path("id").asText()).containsExactly(rule);

    for (int i = 0; i < 2; i++) {
      ApiResponse failed = api.get("/admins");
      assertThat(failed.status()).as(failed.toString()).isEqualTo(503);
      assertThat(failed.errorCode()).isEqualTo("service_unavailable");
      assertThat(failed.header("X-Parley-Fault")).isEqualTo(rule);
    }
    ApiResponse ok = api.get("/admins");
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.header("X-Parley-Fault")).isNull();
    assertThat(parley.faults().list()).isEmpty();

    String throttled =
        parley.faults().add(Map.of("workspace", workspace.name(), "status", 429, "count", 1));
    ApiResponse limited = api.get("/me");
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.header("X-Parley-Fault")).isEqualTo(throttled);
    assertThat(limited.header("X-RateLimit-Remaining")).isEqualTo("0");
  }

  @Test
  @Order(4)
  void aBadFaultRuleFailsWithParleysAnswer() {
    assertThatThrownBy(() -> parley.faults().add(Map.of("operation_id", "listAdmins")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("POST /_parley/faults answered 400");
  }

  @Test
  @Order(5)
  void theJournalListsWhatTheWorkspaceCalledAndForgetsAnErasedConversation(
      ParleyWorkspace workspace, ParleyServer server) {
    Api api = api(workspace);
    assertThat(server).isSameAs(parley.server());
    Scenario scenario = new Scenario(api);
    String conversation = scenario.conversation("where is my order?");
    assertThat(api.get("/conversations/" + conversation).status()).isEqualTo(200);
    assertThat(api.get("/conversations/999999").status()).isEqualTo(404);

    List<ParleyRequest> journal = workspace.journal();
    assertThat(journal)
        .extracting(ParleyRequest::operationId)
        .containsExactly(
            "CreateContact", "createConversation", "retrieveConversation", "retrieveConversation");
    assertThat(journal).extracting(ParleyRequest::status).containsExactly(200, 200, 200, 404);
    ParleyRequest retrieve = journal.get(2);
    assertThat(retrieve.method()).isEqualTo("GET");
    assertThat(retrieve.path()).isEqualTo("/conversations/" + conversation);
    assertThat(retrieve.pathTemplate()).isEqualTo("/conversations/{id}");
    assertThat(retrieve.requestId()).isNotBlank();
    assertThat(workspace.journal(1)).containsExactly(journal.get(3));

    assertThat(api.delete("/conversations/" + conversation).status()).isEqualTo(200);
    assertThat(workspace.journal())
        .extracting(ParleyRequest::path)
        .doesNotContain("/conversations/" + conversation)
        .contains("/conversations/{id}");
    assertThat(workspace.clearJournal()).isEqualTo(5);
    assertThat(workspace.journal()).isEmpty();
  }

  @Test
  @Order(6)
  void aTestThatLeavesTheClockFrozenAndAFaultSet(ParleyWorkspace workspace) {
    given.add(workspace.name());
    parley.clock().freezeAt(DEC_4_2025);
    parley.faults().add("listTags", 500, 5);
  }

  @Test
  @Order(7)
  void theNextTestFindsTheRealClockAndNoFault(ParleyWorkspace workspace) {
    given.add(workspace.name());
    assertThat(parley.clock().frozen()).isFalse();
    assertThat(parley.clock().now()).isGreaterThan(DEC_4_2025);
    assertThat(parley.faults().list()).isEmpty();
  }

  @Test
  @Order(8)
  void aServerParameterAndNamedWorkspacesNeedNoWorkspaceOfTheTest(ParleyServer server) {
    ParleyWorkspace readOnly =
        server.createWorkspace("read-only-" + server.port(), List.of("read"));
    given.add(readOnly.name());
    Api api = new Api(server.baseUrl(), readOnly.token());
    assertThat(api.get("/admins").status()).isEqualTo(200);
    ApiResponse forbidden = api.post("/contacts", Map.of("email", "x@example.com"));
    assertThat(forbidden.status()).isEqualTo(403);
    assertThat(server.dataDir()).exists();
  }

  @Test
  @Order(9)
  void aSnapshotRestoresTheWorkspaceWithTheSameIds(ParleyWorkspace workspace) {
    Api api = api(workspace);
    Scenario scenario = new Scenario(api);
    String conversation = scenario.conversation("the fixture");
    assertThat(workspace.saveSnapshot("fixture")).as("a contact and a conversation").isEqualTo(2);
    String later = scenario.conversation("made after the snapshot");

    assertThat(workspace.restoreSnapshot("fixture")).isEqualTo(2);
    assertThat(api.get("/conversations/" + conversation).status()).isEqualTo(200);
    assertThat(api.get("/conversations/" + later).status()).isEqualTo(404);

    workspace.deleteSnapshot("fixture");
    assertThatThrownBy(() -> workspace.restoreSnapshot("fixture"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("404");
    assertThatThrownBy(() -> workspace.saveSnapshot("bad name"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("400");
  }
}
