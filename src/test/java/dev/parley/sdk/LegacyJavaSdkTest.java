package dev.parley.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.ParleyExtension;
import dev.parley.testing.Scenario;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives a real parley with Intercom's legacy Java SDK ({@code io.intercom:intercom-java} 2.8.2,
 * the newest on Maven Central), which authenticates with {@code Basic base64(<token>:)} and speaks
 * Intercom's 1.x shapes. {@link LegacyJavaSdkScenario} runs in a JVM of its own with the Jackson
 * the SDK declares (2.9; the build copies it to {@code target/legacy-java-sdk}): with parley's
 * Jackson (2.20) the SDK cannot read any list at all (its generic collections lose their element
 * type), whatever the server answers.
 *
 * <p>What works against 2.14 shapes is asserted here with real values; what cannot work (the SDK's
 * 1.x shapes) is asserted as the SDK sees it and explained in {@code docs/sdks.md}.
 */
class LegacyJavaSdkTest {
  @TempDir static Path root;
  @RegisterExtension static final ParleyExtension parley = ParleyExtension.perClass();
  static Api api;
  static String adminId;
  static String conversationId;
  static JsonNode result;
  static JsonNode conversationBefore;

  @BeforeAll
  static void runScenario() throws Exception {
    api = parley.api();
    Scenario s = new Scenario(api);
    adminId = s.adminId();
    conversationId =
        s.conversation(
            s.contact("legacy-sdk-customer@example.com"), "Help from the legacy SDK test");
    assertThat(s.adminReply(conversationId, "comment", "An admin answer").status()).isEqualTo(200);
    conversationBefore = api.get("/conversations/" + conversationId).json();
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx128m",
            "-cp",
            sdkClasspath(),
            LegacyJavaSdkScenario.class.getName(),
            parley.process().baseUrl(),
            parley.process().token(),
            conversationId,
            adminId);
    NodeSdk.Run run =
        NodeSdk.run(command, root, Map.of(), Duration.ofMinutes(2), root.resolve("scenario"));
    System.out.println("LegacyJavaSdkScenario " + run.describe());
    result = NodeSdk.result("LegacyJavaSdkScenario", run, parley.process().log());
  }

  /**
   * The SDK, the libraries it needs as resolved for this build, this scenario, and Jackson as the
   * SDK declares it instead of parley's.
   */
  static String sdkClasspath() throws IOException, URISyntaxException {
    List<String> entries = new ArrayList<>();
    for (Class<?> c :
        List.of(
            LegacyJavaSdkScenario.class,
            io.intercom.api.Intercom.class,
            com.google.common.collect.Maps.class,
            org.slf4j.LoggerFactory.class,
            org.apache.commons.codec.binary.Base64.class)) {
      entries.add(
          Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
    }
    Path jackson =
        Path.of(
            System.getProperty("basedir", System.getProperty("user.dir")),
            "target",
            "legacy-java-sdk");
    try (Stream<Path> jars = Files.list(jackson)) {
      List<Path> found =
          jars.filter(p -> p.getFileName().toString().startsWith("jackson-")).toList();
      assertThat(found).as("Jackson 2.9 copied to %s by the build", jackson).hasSize(3);
      found.forEach(p -> entries.add(p.toString()));
    }
    return String.join(File.pathSeparator, entries);
  }

  @Test
  void aWrongTokenSentAsBasicUserNameIsAnAuthorizationException() {
    assertThat(result.path("wrong_token").path("error").asText())
        .isEqualTo("AuthorizationException");
    assertThat(result.path("wrong_token").path("message").asText())
        .isEqualTo("Access Token Invalid");
  }

  @Test
  void theSdkListsAndFindsAdminsWithTheTokenAsBasicUserName() {
    JsonNode admins = result.path("admins");
    JsonNode listed = api.get("/admins").json().path("admins");
    assertThat(admins.size()).isEqualTo(listed.size()).isPositive();
    assertThat(admins.path(0).path(0).asText()).isEqualTo(listed.path(0).path("id").asText());
    assertThat(admins.path(0).path(1).asText()).isEqualTo(listed.path(0).path("name").asText());
    assertThat(admins.path(0).path(2).asText()).isEqualTo(listed.path(0).path("email").asText());
    JsonNode admin = result.path("admin");
    assertThat(admin.path("type").asText()).isEqualTo("admin");
    assertThat(admin.path("id").asText()).isEqualTo(adminId);
    assertThat(admin.path("email").asText()).isEqualTo(listed.path(0).path("email").asText());
    assertThat(result.path("admin_away").asBoolean()).isTrue();
    assertThat(api.get("/admins/" + adminId).json().path("away_mode_enabled").asBoolean()).isTrue();
  }

  @Test
  void theSdkCreatesAndFindsAContactWithoutAvatar() {
    JsonNode created = result.path("contact_created");
    String id = created.path("id").asText();
    assertThat(id).matches("[0-9a-f]{24}");
    assertThat(created.path("email").asText()).isEqualTo("legacy-sdk@example.com");
    assertThat(created.path("name").asText()).isEqualTo("Legacy SDK");
    assertThat(created.path("avatar").asText()).isEqualTo("null");
    assertThat(result.path("contact_found")).isEqualTo(created);
    ApiResponse stored = api.get("/contacts/" + id);
    assertThat(stored.json().path("email").asText()).isEqualTo("legacy-sdk@example.com");
    assertThat(stored.json().path("name").asText()).isEqualTo("Legacy SDK");
    assertThat(result.path("contact_missing").path("error").asText())
        .isEqualTo("NotFoundException");
  }

  @Test
  void theSdkReadsNoContactOrTagListBecauseItExpectsThe1xKeys() {
    // 1.x lists are {"contacts": [...]} and {"tags": [...]}; 2.14's are {"data": [...]}.
    assertThat(api.get("/contacts").json().path("data").size()).isPositive();
    assertThat(result.path("contacts_listed").asInt()).isZero();
    assertThat(api.get("/tags").json().path("data").size()).isPositive();
    assertThat(result.path("tags_listed").asInt()).isZero();
  }

  @Test
  void theSdkCreatesAndDeletesTags() {
    JsonNode tag = result.path("tag_created");
    assertThat(tag.path("type").asText()).isEqualTo("tag");
    assertThat(tag.path("name").asText()).isEqualTo("Legacy SDK tag");
    assertThat(api.get("/tags/" + tag.path("id").asText()).json().path("name").asText())
        .isEqualTo("Legacy SDK tag");
    // deleteTag's empty 200 is read as no tag, not as an error
    assertThat(result.path("tag_deleted").asText()).isEqualTo("null");
    assertThat(api.get("/tags/" + result.path("tag_doomed_id").asText()).status()).isEqualTo(404);
  }

  @Test
  void theSdkListsAndRetrievesTheConversationWithItsParts() {
    assertThat(result.path("conversation_ids").toString())
        .isEqualTo("[\"" + conversationId + "\"]");
    JsonNode found = result.path("conversation");
    assertThat(found.path("type").asText()).isEqualTo("conversation");
    assertThat(found.path("id").asText()).isEqualTo(conversationId);
    assertThat(found.path("state").asText()).isEqualTo("open");
    assertThat(found.path("open").asBoolean()).isTrue();
    assertThat(found.path("created_at").asLong())
        .isEqualTo(conversationBefore.path("created_at").asLong());
    // 2.14's source replaces 1.x's conversation_message, which the SDK reads
    assertThat(found.path("source_message").isNull()).isTrue();
    assertThat(found.path("parts").toString())
        .isEqualTo("[[\"comment\",\"An admin answer\",\"" + adminId + "\"]]");
    assertThat(result.path("conversation_missing").path("error").asText())
        .isEqualTo("NotFoundException");
  }

  @Test
  void theSdksReplyIsRefusedForIts1xTypeAndChangesNothing() {
    // The SDK sends {"type":"admin_reply",...}; 2.14 takes "admin" (or "user").
    assertThat(result.path("admin_reply").path("error").asText()).isEqualTo("ClientException");
    assertThat(result.path("admin_reply").path("message").asText())
        .isEqualTo("type must be one of admin, user, contact, lead");
    assertThat(api.get("/conversations/" + conversationId).json()).isEqualTo(conversationBefore);
  }

  @Test
  void theSdksAdminMessageStartsAConversationWaitingForTheContact() {
    // The SDK sends message_type "inapp" (1.x's name), created_at 0 (unset) and the contact as a
    // 1.x user; it reads back the message's type and time.
    JsonNode sent = result.path("admin_message");
    assertThat(sent.path(0).asText()).as(sent.toString()).isEqualTo("inapp");
    JsonNode found =
        api.post(
                "/conversations/search",
                Map.of(
                    "query",
                    Map.of(
                        "field",
                        "source.delivered_as",
                        "operator",
                        "=",
                        "value",
                        "admin_initiated")))
            .json();
    assertThat(found.path("total_count").asInt()).isEqualTo(1);
    JsonNode c = found.path("conversations").path(0);
    assertThat(c.path("created_at").asLong()).isEqualTo(sent.path(1).asLong()).isPositive();
    assertThat(c.path("state").asText()).isEqualTo("closed");
    assertThat(c.at("/source/body").asText()).isEqualTo("An outbound message from the legacy SDK");
    assertThat(c.at("/source/author/id").asText()).isEqualTo(adminId);
    assertThat(c.at("/contacts/contacts/0/id").asText())
        .isEqualTo(result.at("/contact_created/id").asText());
  }
}
