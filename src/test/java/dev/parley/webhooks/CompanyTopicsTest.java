package dev.parley.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.ParleyExtension;
import dev.parley.testing.Scenario;
import dev.parley.testing.WebhookReceiver;
import dev.parley.testing.WebhookReceiver.Received;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The topics of companies (issue 15, in the style of {@link ContactTagTopicsTest}): {@code
 * company.created}, {@code company.updated} and {@code company.deleted} with the company as the
 * REST API renders it (the deleted company identified only); attaching and detaching a contact
 * raise {@code contact.attached_to_company} and {@code company.contact.attached} ({@code
 * ...detached...}), once, with parley's {@code contact_company} item. Each test ends its window
 * with a fence (archiving or unarchiving a contact kept for that) and sees everything raised before
 * it.
 */
class CompanyTopicsTest {
  private static final List<String> TOPICS =
      List.of(
          "company.created",
          "company.updated",
          "company.deleted",
          "company.contact.attached",
          "company.contact.detached",
          "contact.attached_to_company",
          "contact.detached_from_company",
          "contact.archived",
          "contact.unarchived");

  @RegisterExtension static final ParleyExtension parley = TopicWindow.server();

  static TopicWindow topics;
  static WebhookReceiver receiver;
  static Api api;
  static Scenario s;

  @BeforeAll
  static void subscribe() {
    api = parley.api();
    s = new Scenario(api);
    topics = TopicWindow.subscribe(api, TOPICS);
    receiver = topics.receiver();
  }

  @AfterAll
  static void stopReceiver() {
    topics.close();
  }

  private static List<Received> during(Runnable event) {
    return topics.during(event);
  }

  private static JsonNode ok(ApiResponse response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.json();
  }

  private static String companyId() {
    return "topic-" + UUID.randomUUID();
  }

  /** A new company, once its {@code company.created} has arrived (before a test's window). */
  private static String settledCompany() {
    String id = ok(api.post("/companies", Map.of("company_id", companyId()))).path("id").asText();
    receiver.await(
        list ->
            list.stream()
                .anyMatch(
                    r ->
                        r.topic().equals("company.created")
                            && r.item().path("id").asText().equals(id)),
        Duration.ofSeconds(10));
    return id;
  }

  @Test
  void creatingAndUpdatingACompanyRaiseCompanyCreatedThenCompanyUpdated() {
    String companyId = companyId();
    JsonNode[] created = new JsonNode[1];
    List<Received> window =
        during(
            () -> {
              created[0] =
                  ok(api.post("/companies", Map.of("company_id", companyId, "name", "Topic Co")));
              ok(api.post("/companies", Map.of("company_id", companyId, "industry", "Retail")));
              ok(
                  api.put(
                      "/companies/" + created[0].path("id").asText(),
                      Map.of("website", "https://topic.example")));
            });
    assertThat(window)
        .extracting(Received::topic)
        .containsExactly("company.created", "company.updated", "company.updated");
    assertThat(window.get(0).signedWith(topics.secret()))
        .as("X-Hub-Signature keyed by client_secret")
        .isTrue();
    assertThat(window.get(0).item()).isEqualTo(created[0]);
    String id = created[0].path("id").asText();
    assertThat(window.get(1).item().path("industry").asText()).isEqualTo("Retail");
    assertThat(window.get(2).item()).isEqualTo(ok(api.get("/companies/" + id)));
  }

  @Test
  void attachingAndDetachingAContactRaiseTheContactsAndTheCompanysTopicsOnce() {
    String contact = s.contact("attached-" + UUID.randomUUID() + "@example.com");
    String id = settledCompany();
    List<Received> attached =
        during(
            () -> {
              ok(api.post("/contacts/" + contact + "/companies", Map.of("id", id)));
              // already attached: nothing more
              ok(api.post("/contacts/" + contact + "/companies", Map.of("id", id)));
            });
    // Two subjects (the contact and the company): each gets its one notification, in either
    // order (order is kept per subject; docs/webhooks.md, "Ordering").
    assertThat(attached)
        .extracting(Received::topic)
        .containsExactlyInAnyOrder("contact.attached_to_company", "company.contact.attached");
    for (Received r : attached) {
      JsonNode item = r.item();
      assertThat(item.fieldNames())
          .toIterable()
          .containsExactly("type", "created_at", "contact", "company");
      assertThat(item.path("type").asText()).isEqualTo("contact_company");
      assertThat(item.path("created_at").asLong()).isPositive();
      assertThat(item.path("contact")).isEqualTo(ok(api.get("/contacts/" + contact)));
      assertThat(item.path("contact").path("companies").path("total_count").asInt()).isEqualTo(1);
      assertThat(item.path("company")).isEqualTo(ok(api.get("/companies/" + id)));
      assertThat(item.path("company").path("user_count").asInt()).isEqualTo(1);
    }

    List<Received> detached =
        during(
            () -> {
              ok(api.delete("/contacts/" + contact + "/companies/" + id));
              // not attached any more: nothing more
              ok(api.delete("/contacts/" + contact + "/companies/" + id));
            });
    assertThat(detached)
        .extracting(Received::topic)
        .containsExactlyInAnyOrder("contact.detached_from_company", "company.contact.detached");
    for (Received r : detached) {
      assertThat(r.item().path("company").path("user_count").asInt()).as(r.topic()).isZero();
      assertThat(r.item().path("contact").path("companies").path("total_count").asInt())
          .as(r.topic())
          .isZero();
    }
  }

  @Test
  void deletingACompanyRaisesCompanyDeletedWithItsIdOnly() {
    String id = settledCompany();
    List<Received> window = during(() -> ok(api.delete("/companies/" + id)));
    assertThat(window).extracting(Received::topic).containsExactly("company.deleted");
    JsonNode item = window.get(0).item();
    assertThat(item.fieldNames()).toIterable().containsExactly("id", "object", "deleted");
    assertThat(item.path("id").asText()).isEqualTo(id);
    assertThat(item.path("object").asText()).isEqualTo("company");
    assertThat(item.path("deleted").asBoolean()).isTrue();
  }
}
