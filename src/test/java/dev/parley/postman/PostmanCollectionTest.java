package dev.parley.postman;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.Cli;
import dev.parley.testing.Executables;
import dev.parley.testing.ImplementedRoutes;
import dev.parley.testing.IntercomDescription;
import dev.parley.testing.ParleyProcess;
import dev.parley.testing.Scenario;
import dev.parley.testing.SpecValidator;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Intercom's own Postman collection for 2.14 (test resources, unchanged) run with newman (pinned in
 * {@code src/test/newman/package.json}) against a started parley, over the Conversations, Contacts,
 * Tags, Admins, Teams, Messages, Data Events, Away Status Reasons, Companies, Visitors and the four
 * ticket folders (Ticket States, Ticket Type Attributes, Ticket Types, Tickets), with the
 * collection's environment ({@code baseUrl}, {@code token}) set to parley's.
 *
 * <p>Before the run, a temp copy of the collection is rewritten: every path parameter and every id
 * in a request body that the collection fills with a placeholder ({@code 123}, {@code "3156780"})
 * becomes a real id of data made first through the API (a contact, a conversation with parts, tags,
 * the admin, a team made by the CLI, companies), each destructive request getting data of its own;
 * placeholder strings ({@code ""} body values, query values equal to their own name) are dropped.
 * Nothing else of a request changes.
 *
 * <p>Then, per request, from newman's JSON report: a request to an operation that parley's route
 * table implements must answer one of the statuses the 2.14 description documents for that
 * operation (or 400, when the collection's request itself breaks the description's request schema:
 * Intercom answers bad input with 400), and its JSON body must validate against the description.
 * Requests to operations parley does not implement are reported, those being built now ({@link
 * #EXPECTED}) apart; as the route table grows they are asserted too. Without node and npm every
 * test is skipped, loudly.
 */
class PostmanCollectionTest {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final List<String> FOLDERS =
      List.of(
          "Conversations",
          "Contacts",
          "Tags",
          "Admins",
          "Teams",
          "Messages",
          "Data Events",
          "Away Status Reasons",
          "Companies",
          "Ticket States",
          "Ticket Type Attributes",
          "Ticket Types",
          "Tickets",
          "Segments",
          "Subscription Types",
          "Data Attributes",
          "Visitors");
  private static final Duration NPM_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration NEWMAN_TIMEOUT = Duration.ofMinutes(3);

  /**
   * Operations of these folders that parley does not implement yet but that are being built now
   * (issue 4: search, manage parts, customers, redact, contact search). Reported as such; once
   * their routes are in the route table they are asserted like the others.
   */
  static final Set<String> EXPECTED =
      Set.of(
          "searchConversations",
          "manageConversation",
          "attachContactToConversation",
          "detachContactFromConversation",
          "redactConversation",
          "SearchContacts");

  /**
   * Requests to implemented operations that parley answers outside the description's statuses
   * because it does not serve one of their fields yet, by request key ({@code folder :: name}),
   * with the reason. Reported as such and not asserted; each is a gap of parley's, named in
   * docs/postman.md.
   */
  static final Map<String, String> KNOWN_GAPS = Map.of();

  @TempDir static Path root;
  static ParleyProcess parley;
  static String skipReason;
  static Fixtures fixtures;
  static List<Planned> planned;
  static Executables.Run newman;
  static JsonNode report;

  /** The real ids the collection's placeholders become. */
  record Fixtures(
      String adminId,
      String teamId,
      String contactId,
      String contactExternalId,
      String secondContactId,
      String archiveContactId,
      String updateContactId,
      String deleteContactId,
      String leadId,
      String conversationId,
      String conversationSourceId,
      String conversationPartId,
      String deleteConversationId,
      String tagId,
      String appliedTagId,
      String applyTagId,
      String renameTagId,
      String deleteTagId,
      String companyId,
      String deleteCompanyId,
      TicketFixtures tickets,
      SeededFixtures seeded,
      VisitorFixtures visitors) {}

  /**
   * Visitors an operator seeds (CLI {@code visitor create}: the 2.14 API cannot create one) and the
   * user one of them is converted into, for the Visitors folder, which runs its requests in the
   * order retrieve, convert, update.
   *
   * @param visitorId a visitor for "Retrieve a visitor with User ID" and "Update a visitor"
   * @param visitorUserId its {@code user_id}
   * @param convertVisitorId a visitor for "Convert a visitor" (merged into {@code convertUserId})
   * @param convertVisitorUserId its {@code user_id}
   * @param convertUserId a user the collection's conversion names in {@code user.id}
   * @param convertUserExternalId that user's {@code external_id} ({@code user.user_id})
   */
  record VisitorFixtures(
      String visitorId,
      String visitorUserId,
      String convertVisitorId,
      String convertVisitorUserId,
      String convertUserId,
      String convertUserExternalId) {}

  /**
   * What an operator seeds (segments and subscription types through the CLI) and a data attribute,
   * for the Segments, Subscription Types and Data Attributes folders.
   *
   * @param segmentId a segment holding the main contact
   * @param subscriptionTypeId an {@code opt_in} subscription type (the collection attaches it with
   *     {@code consent_type} {@code opt_in} to the main contact, then detaches it)
   * @param dataAttributeId a list attribute of companies (the collection updates its options)
   */
  record SeededFixtures(String segmentId, String subscriptionTypeId, String dataAttributeId) {}

  /**
   * The ticket ids the collection's placeholders become.
   *
   * @param typeId a Customer ticket type (tickets, conversions, attribute creation)
   * @param linkTypeId a Back-office ticket type, for the collection's creates, which link the
   *     ticket to a conversation ({@code conversation_to_link_id}: a customer ticket cannot be
   *     linked to a conversation)
   * @param attributeTypeId a second type, whose attribute {@code attributeId} the collection
   *     updates (renaming it to the name the collection's create gives on {@code typeId})
   * @param createdTypeId the id the collection's "Create a ticket type" will get (the next of the
   *     ticket type sequence): its "Update a ticket type" renames to "Bug", the name that create
   *     gives, and type names are unique in a workspace
   * @param stateId an {@code in_progress} ticket state
   * @param ticketId a ticket of the main contact
   * @param deleteTicketId a ticket for the collection's delete
   * @param convertConversationId a conversation for the collection's convert
   */
  record TicketFixtures(
      String typeId,
      String linkTypeId,
      String attributeTypeId,
      String attributeId,
      String createdTypeId,
      String stateId,
      String ticketId,
      String deleteTicketId,
      String convertConversationId) {}

  /**
   * One request of the rewritten collection.
   *
   * @param template the description's path of the request, e.g. {@code /tags/{tag_id}}
   * @param path the path sent, ids filled in
   * @param requestProblems where the sent request breaks the description's request schema
   */
  record Planned(
      String key,
      String folder,
      String name,
      String method,
      String template,
      String path,
      Map<String, String> query,
      String body,
      List<String> rewrites,
      List<String> requestProblems) {}

  @BeforeAll
  static void runCollection() throws Exception {
    Optional<Path> node = Executables.onPath("node");
    Optional<Path> npm = Executables.onPath("npm");
    if (node.isEmpty() || npm.isEmpty()) {
      skipReason =
          "PostmanCollectionTest SKIPPED: "
              + (node.isEmpty() ? "'node' " : "")
              + (npm.isEmpty() ? "'npm' " : "")
              + "not found on the PATH; Intercom's Postman collection was NOT run against parley."
              + " Install Node.js 18+ with npm to run it.";
      System.err.println("*".repeat(100));
      System.err.println(skipReason);
      System.err.println("*".repeat(100));
      return;
    }
    Path project = newmanProject();
    if (!Files.isRegularFile(
        project.resolve("node_modules").resolve("newman").resolve("bin").resolve("newman.js"))) {
      Executables.Run install =
          Executables.run(
              List.of(npm.get().toString(), "ci", "--no-audit", "--no-fund"),
              project,
              Map.of(),
              NPM_TIMEOUT,
              root.resolve("npm-ci"));
      assertThat(install.exitCode())
          .as("npm ci in %s\n%s", project, install.describe())
          .isEqualTo(0);
    }
    parley = ParleyProcess.in(root).start();
    fixtures = makeFixtures(parley);

    ObjectNode collection =
        (ObjectNode) JSON.readTree(resource("intercom/intercom-postman-2.14.json"));
    planned = new ArrayList<>();
    ObjectNode copy = rewrite(collection, fixtures, planned);
    Path collectionFile = root.resolve("collection.json");
    JSON.writeValue(collectionFile.toFile(), copy);
    ObjectNode environment =
        (ObjectNode) JSON.readTree(resource("intercom/intercom-postman-2.14.environment.json"));
    Path environmentFile = root.resolve("environment.json");
    JSON.writeValue(
        environmentFile.toFile(), environmentFor(environment, parley.baseUrl(), parley.token()));
    Path reportFile = root.resolve("newman-report.json");

    newman =
        Executables.run(
            List.of(
                node.get().toString(),
                project.resolve("node_modules/newman/bin/newman.js").toString(),
                "run",
                collectionFile.toString(),
                "--environment",
                environmentFile.toString(),
                "--reporters",
                "cli,json",
                "--reporter-json-export",
                reportFile.toString(),
                "--timeout-request",
                "30000",
                "--color",
                "off",
                "--disable-unicode"),
            project,
            Map.of(),
            NEWMAN_TIMEOUT,
            root.resolve("newman"));
    System.out.println(
        "newman run summary (Intercom's Postman collection 2.14 against parley):\n"
            + newman.stdout());
    if (!newman.stderr().isBlank()) {
      System.out.println("newman stderr:\n" + newman.stderr());
    }
    if (Files.isRegularFile(reportFile)) {
      report = JSON.readTree(reportFile.toFile());
      // Kept for whoever reads a failed build: the collection as run and newman's report.
      Path kept =
          newmanProject()
              .getParent()
              .getParent()
              .getParent()
              .resolve("target")
              .resolve("newman-" + store());
      Files.createDirectories(kept);
      Files.copy(
          reportFile,
          kept.resolve("newman-report.json"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Files.copy(
          collectionFile,
          kept.resolve("collection.json"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      System.out.println("newman's JSON report and the collection as run: " + kept);
    }
  }

  @AfterAll
  static void stop() {
    if (parley != null) {
      parley.stop();
    }
  }

  @TestFactory
  Stream<DynamicTest> everyRequestOfAnImplementedOperationAnswersOneOfItsDocumentedStatuses() {
    if (skipReason != null) {
      Assumptions.abort(skipReason);
    }
    assertThat(newman.exitCode()).as("newman run\n%s", newman.describe()).isEqualTo(0);
    assertThat(report).as("newman's JSON report").isNotNull();
    Map<String, JsonNode> executions = new LinkedHashMap<>();
    report
        .path("run")
        .path("executions")
        .forEach(e -> executions.put(e.path("item").path("id").asText(), e));
    List<DynamicTest> tests = new ArrayList<>();
    StringBuilder summary = new StringBuilder();
    int asserted = 0;
    for (Planned p : planned) {
      IntercomDescription.Operation op =
          IntercomDescription.of(IntercomDescription.Source.V2_14)
              .operation(p.method(), p.template())
              .orElseThrow(
                  () ->
                      new AssertionError(
                          p.method() + " " + p.template() + " is not in the 2.14 description"));
      JsonNode execution = executions.get(p.key());
      Integer status =
          execution == null || !execution.path("response").has("code")
              ? null
              : execution.path("response").path("code").asInt();
      boolean implemented = ImplementedRoutes.implemented(p.method(), p.template());
      Set<Integer> allowed = new TreeSet<>(op.statuses());
      // The run's token has every scope on an unrestricted workspace: a documented 401 or
      // 403 would mean the request never reached the operation.
      allowed.removeAll(Set.of(401, 403));
      if (!p.requestProblems().isEmpty()) {
        allowed.add(400);
      }
      String verdict;
      if (implemented && KNOWN_GAPS.containsKey(p.key())) {
        implemented = false;
        verdict = "known gap: " + KNOWN_GAPS.get(p.key());
      } else if (implemented) {
        asserted++;
        verdict = status != null && allowed.contains(status) ? "ok" : "NOT DOCUMENTED";
      } else if (EXPECTED.contains(op.operationId())) {
        verdict = "expected to be implemented (being built)";
      } else {
        verdict = "not implemented by parley";
      }
      summary.append(
          String.format(
              Locale.ROOT,
              "  %-13s %-45s %-6s %-52s -> %-4s documented %-22s %s%s%n",
              p.folder(),
              p.name().length() > 45 ? p.name().substring(0, 45) : p.name(),
              p.method(),
              p.path(),
              status == null ? "none" : status,
              new TreeSet<>(op.statuses()),
              verdict,
              p.requestProblems().isEmpty() ? "" : " (request breaks the description's schema)"));
      if (implemented) {
        tests.add(
            DynamicTest.dynamicTest(
                p.folder() + " / " + p.name() + ": " + p.method() + " " + p.template(),
                () -> assertRequest(p, op, execution, allowed)));
      }
    }
    System.out.println(
        "Intercom's Postman collection 2.14 against parley, folders "
            + FOLDERS
            + ": "
            + planned.size()
            + " requests, "
            + asserted
            + " to implemented operations asserted\n"
            + summary);
    Set<String> expectedSeen = new TreeSet<>();
    for (Planned p : planned) {
      IntercomDescription.of(IntercomDescription.Source.V2_14)
          .operation(p.method(), p.template())
          .map(IntercomDescription.Operation::operationId)
          .filter(EXPECTED::contains)
          .filter(id -> !ImplementedRoutes.implemented(p.method(), p.template()))
          .ifPresent(expectedSeen::add);
    }
    System.out.println(
        "Expected to be implemented (not in the route table of this build): " + expectedSeen);
    assertThat(asserted).as("requests to implemented operations").isGreaterThanOrEqualTo(20);
    return tests.stream();
  }

  private static void assertRequest(
      Planned p, IntercomDescription.Operation op, JsonNode execution, Set<Integer> allowed) {
    assertThat(execution).as("newman executed %s", p.name()).isNotNull();
    JsonNode response = execution.path("response");
    assertThat(response.has("code"))
        .as("%s got a response: %s", p.name(), execution.path("requestError"))
        .isTrue();
    int status = response.path("code").asInt();
    String body = responseBody(response);
    assertThat(allowed)
        .as(
            "%s %s (%s) answered %d; documented: %s%s; rewrites: %s\n"
                + "request body: %s\n"
                + "response: %s",
            p.method(),
            p.path(),
            op.operationId(),
            status,
            new TreeSet<>(op.statuses()),
            p.requestProblems().isEmpty()
                ? ""
                : " (+400: the request breaks the description: " + p.requestProblems() + ")",
            p.rewrites(),
            p.body(),
            body)
        .contains(status);
    String contentType = header(response, "Content-Type");
    boolean json = contentType != null && contentType.startsWith("application/json");
    if (json || body.isEmpty()) {
      List<String> problems =
          SpecValidator.violations(
              p.method(), p.path(), status, json ? "application/json" : null, body);
      assertThat(problems)
          .as(
              "%s %s -> %d must match Intercom's description; body: %s",
              p.method(), p.path(), status, body)
          .isNotNull()
          .isEmpty();
    }
  }

  /** Contacts, conversations, tags and a team for the collection's placeholders to become. */
  private static Fixtures makeFixtures(ParleyProcess parley) {
    Api api = parley.api();
    Scenario s = new Scenario(api);
    String admin = s.adminId();
    Cli.Result team =
        parley.cli(
            "team", "create", "--workspace", "default", "--name", "Postman Team", "--admin", admin);
    assertThat(team.exitCode()).as(team.output()).isZero();
    String[] teamLines = team.output().strip().split("\n");
    String teamId = teamLines[teamLines.length - 1].replaceAll(".* ", "").strip();

    String external = "postman-external-1";
    String contact =
        s.contact(
            Map.of(
                "role",
                "user",
                "email",
                "postman-main@example.com",
                "external_id",
                external,
                "name",
                "Main Contact"));
    String second =
        s.contact(
            Map.of(
                "role",
                "user",
                "email",
                "postman-second@example.com",
                "external_id",
                "postman-external-2"));
    String archive = s.contact("postman-archive@example.com");
    String update =
        s.contact(
            Map.of(
                "role",
                "user",
                "email",
                "postman-update@example.com",
                "external_id",
                "postman-external-3"));
    String delete = s.contact("postman-delete@example.com");
    String lead = s.contact(Map.of("role", "lead", "email", "postman-lead@example.com"));

    String conversation = s.conversation(contact, "<p>Hello from the Postman fixtures</p>");
    ApiResponse reply = s.adminReply(conversation, "comment", "<p>An admin reply</p>");
    assertThat(reply.status()).isEqualTo(200);
    JsonNode full = api.get("/conversations/" + conversation).json();
    String sourceId = full.path("source").path("id").asText();
    String partId =
        full.path("conversation_parts").path("conversation_parts").path(0).path("id").asText();
    String deleteConversation = s.conversation(contact, "to be deleted by the collection");

    String tag = tagId(api, "Postman Tag");
    String applied = tagId(api, "Postman Applied Tag");
    ApiResponse tagged =
        api.post(
            "/conversations/" + conversation + "/tags", Map.of("id", applied, "admin_id", admin));
    assertThat(tagged.status()).isEqualTo(200);
    return new Fixtures(
        admin,
        teamId,
        contact,
        external,
        second,
        archive,
        update,
        delete,
        lead,
        conversation,
        sourceId,
        partId,
        deleteConversation,
        tag,
        applied,
        tagId(api, "Postman Apply Tag"),
        tagId(api, "Postman Rename Tag"),
        tagId(api, "Postman Delete Tag"),
        companyId(api, "postman-company"),
        companyId(api, "postman-delete-company"),
        ticketFixtures(api, contact),
        seededFixtures(parley, contact),
        visitorFixtures(parley, s));
  }

  private static VisitorFixtures visitorFixtures(ParleyProcess parley, Scenario s) {
    String visitorUserId = "postman-visitor-" + UUID.randomUUID();
    String visitor =
        cliId(parley, "visitor", "create", "--workspace", "default", "--user-id", visitorUserId);
    String convertUserId = "postman-convert-visitor-" + UUID.randomUUID();
    String convertVisitor =
        cliId(parley, "visitor", "create", "--workspace", "default", "--user-id", convertUserId);
    String external = "postman-convert-user";
    String user =
        s.contact(
            Map.of(
                "role", "user", "email", "postman-convert@example.com", "external_id", external));
    return new VisitorFixtures(
        visitor, visitorUserId, convertVisitor, convertUserId, user, external);
  }

  private static SeededFixtures seededFixtures(ParleyProcess parley, String contact) {
    String segment =
        cliId(parley, "segment", "create", "--workspace", "default", "--name", "Postman Segment");
    Cli.Result added =
        parley.cli(
            "segment",
            "add-contact",
            "--workspace",
            "default",
            "--id",
            segment,
            "--contact",
            contact);
    assertThat(added.exitCode()).as(added.output()).isZero();
    String subscriptionType =
        cliId(
            parley,
            "subscription-type",
            "create",
            "--workspace",
            "default",
            "--name",
            "Postman Newsletter",
            "--consent-type",
            "opt_in");
    ApiResponse attribute =
        parley
            .api()
            .post(
                "/data_attributes",
                Map.of(
                    "name",
                    "postman_tier",
                    "model",
                    "company",
                    "data_type",
                    "options",
                    "options",
                    List.of(Map.of("value", "small"), Map.of("value", "large"))));
    assertThat(attribute.status()).as(attribute.toString()).isEqualTo(200);
    return new SeededFixtures(segment, subscriptionType, attribute.json().get("id").asText());
  }

  /** The {@code id} of the JSON object a CLI command prints. */
  private static String cliId(ParleyProcess parley, String... args) {
    Cli.Result result = parley.cli(args);
    assertThat(result.exitCode()).as(result.output()).isZero();
    String out = result.output();
    try {
      return JSON.readTree(out.substring(out.indexOf('{'), out.lastIndexOf('}') + 1))
          .get("id")
          .asText();
    } catch (IOException e) {
      throw new AssertionError(out, e);
    }
  }

  private static TicketFixtures ticketFixtures(Api api, String contact) {
    String linkType = ticketTypeId(api, "Postman Back-office Type", "Back-office");
    String type = ticketTypeId(api, "Postman Ticket Type", "Customer");
    String attributeType = ticketTypeId(api, "Postman Attribute Type", "Customer");
    ApiResponse attribute =
        api.post(
            "/ticket_types/" + attributeType + "/attributes",
            Map.of("name", "Postman Attribute", "description", "d", "data_type", "string"));
    assertThat(attribute.status()).as(attribute.toString()).isEqualTo(200);
    String stateId = null;
    for (JsonNode state : api.get("/ticket_states").json().path("data")) {
      if (state.path("category").asText().equals("in_progress")) {
        stateId = state.path("id").asText();
      }
    }
    assertThat(stateId).as("an in_progress ticket state").isNotNull();
    Scenario s = new Scenario(api);
    return new TicketFixtures(
        type,
        linkType,
        attributeType,
        attribute.json().get("id").asText(),
        Long.toString(Long.parseLong(attributeType) + 1),
        stateId,
        ticketId(api, type, contact),
        ticketId(api, type, contact),
        s.conversation(contact, "<p>To be converted by the collection</p>"));
  }

  private static String ticketTypeId(Api api, String name, String category) {
    ApiResponse created = api.post("/ticket_types", Map.of("name", name, "category", category));
    assertThat(created.status()).as(created.toString()).isEqualTo(200);
    return created.json().get("id").asText();
  }

  private static String ticketId(Api api, String type, String contact) {
    ApiResponse created =
        api.post(
            "/tickets",
            Map.of(
                "ticket_type_id",
                type,
                "contacts",
                List.of(Map.of("id", contact)),
                "ticket_attributes",
                Map.of("_default_title_", "Postman ticket")));
    assertThat(created.status()).as(created.toString()).isEqualTo(200);
    return created.json().get("id").asText();
  }

  private static String companyId(Api api, String companyId) {
    ApiResponse created =
        api.post("/companies", Map.of("company_id", companyId, "name", "Postman " + companyId));
    assertThat(created.status()).as(created.toString()).isEqualTo(200);
    return created.json().get("id").asText();
  }

  private static String tagId(Api api, String name) {
    ApiResponse created = api.post("/tags", Map.of("name", name));
    assertThat(created.status()).as(created.toString()).isEqualTo(200);
    return created.json().get("id").asText();
  }

  /**
   * The copy newman runs: the folders of {@code FOLDERS}, each request's URL on {@code {{baseUrl}}}
   * with real ids in its path, and real ids in its body.
   */
  private static ObjectNode rewrite(ObjectNode collection, Fixtures f, List<Planned> planned) {
    ObjectNode copy = collection.deepCopy();
    copy.set("auth", bearerAuth());
    copy.remove("variable");
    ArrayNode folders = copy.putArray("item");
    for (JsonNode folder : collection.path("item")) {
      if (!FOLDERS.contains(folder.path("name").asText())) {
        continue;
      }
      ObjectNode folderCopy = folder.deepCopy();
      ArrayNode items = folderCopy.putArray("item");
      for (JsonNode item : folder.path("item")) {
        items.add(
            rewriteItem(folder.path("name").asText(), (ObjectNode) item.deepCopy(), f, planned));
      }
      folders.add(folderCopy);
    }
    return copy;
  }

  private static ObjectNode rewriteItem(
      String folder, ObjectNode item, Fixtures f, List<Planned> planned) {
    String name = item.path("name").asText();
    String key = folder + " :: " + name;
    item.put("id", key);
    ObjectNode request = (ObjectNode) item.path("request");
    if (request.has("auth")) {
      request.set("auth", bearerAuth());
    }
    String method = request.path("method").asText().toUpperCase(Locale.ROOT);
    JsonNode url = request.path("url");
    List<String> rewrites = new ArrayList<>();

    List<String> templateSegments = new ArrayList<>();
    List<String> sentSegments = new ArrayList<>();
    for (JsonNode segment : url.path("path")) {
      String text = segment.asText();
      templateSegments.add(text);
      if (text.startsWith("{") && text.endsWith("}")) {
        String variable = text.substring(1, text.length() - 1);
        String value = pathValue(name, variable, f);
        rewrites.add(variable + " -> " + value);
        sentSegments.add(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
      } else {
        sentSegments.add(text);
      }
    }
    String template = "/" + String.join("/", templateSegments);
    String path = "/" + String.join("/", sentSegments);

    Map<String, String> query = new LinkedHashMap<>();
    StringBuilder queryString = new StringBuilder();
    for (JsonNode parameter : url.path("query")) {
      String k = parameter.path("key").asText();
      String v = parameter.path("value").asText();
      if (parameter.path("disabled").asBoolean(false)) {
        continue;
      }
      if (name.equals("Retrieve a visitor with User ID") && k.equals("user_id")) {
        rewrites.add("query user_id: " + v + " -> " + f.visitors().visitorUserId());
        v = f.visitors().visitorUserId();
      } else if (v.equals(k)) {
        rewrites.add("query " + k + " (placeholder) dropped");
        continue;
      }
      query.put(k, v);
      queryString
          .append(queryString.length() == 0 ? "?" : "&")
          .append(URLEncoder.encode(k, StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
    }
    request.put("url", "{{baseUrl}}" + path + queryString);

    String body = null;
    JsonNode raw = request.path("body").path("raw");
    if (raw.isTextual() && !raw.asText().isBlank()) {
      try {
        JsonNode parsed = JSON.readTree(raw.asText());
        if (parsed instanceof ObjectNode object) {
          dropEmptyStrings(object, "", rewrites);
          rewriteBodyIds(name, object, f, rewrites);
        }
        body = JSON.writeValueAsString(parsed);
        ((ObjectNode) request.path("body")).put("raw", body);
      } catch (IOException e) {
        body = raw.asText();
      }
    }
    planned.add(
        new Planned(
            key,
            folder,
            name,
            method,
            template,
            path,
            query,
            body,
            rewrites,
            requestProblems(method, path, query, body)));
    return item;
  }

  /** The real value of a path parameter of one request. */
  private static String pathValue(String request, String variable, Fixtures f) {
    switch (request) {
      case "Delete a contact":
        return f.deleteContactId();
      case "Archive contact":
      case "Unarchive contact":
        return f.archiveContactId();
      case "Update a contact":
        return f.updateContactId();
      case "Delete a conversation":
        return f.deleteConversationId();
      case "Remove tag from a conversation":
        if (variable.equals("tag_id")) {
          return f.appliedTagId();
        }
        break;
      case "Delete tag":
        return f.deleteTagId();
      case "Delete a company":
        return f.deleteCompanyId();
      case "Delete a ticket":
        return f.tickets().deleteTicketId();
      case "Convert a conversation to a ticket":
        return f.tickets().convertConversationId();
      case "Update a ticket type":
        return f.tickets().createdTypeId();
      case "Update an existing attribute for a ticket type":
        return variable.equals("attribute_id")
            ? f.tickets().attributeId()
            : f.tickets().attributeTypeId();
      case "Remove tag from a ticket":
        if (variable.equals("tag_id")) {
          return f.appliedTagId();
        }
        break;
      default:
        break;
    }
    return switch (variable) {
      case "admin_id" -> f.adminId();
      case "team_id" -> f.teamId();
      case "contact_id" -> f.contactId();
      case "external_id" -> f.contactExternalId();
      case "conversation_id" -> f.conversationId();
      case "tag_id" -> f.tagId();
      case "company_id" -> f.companyId();
      case "ticket_id" -> f.tickets().ticketId();
      case "ticket_type_id" -> f.tickets().typeId();
      case "segment_id" -> f.seeded().segmentId();
      case "subscription_id" -> f.seeded().subscriptionTypeId();
      case "data_attribute_id" -> f.seeded().dataAttributeId();
      default -> "1";
    };
  }

  /** The ids of a request body that the collection fills with placeholders. */
  private static void rewriteBodyIds(
      String request, ObjectNode body, Fixtures f, List<String> rewrites) {
    replace(body, "admin_id", f.adminId(), rewrites);
    switch (request) {
      case "Creates a conversation" -> replace(body.path("from"), "id", f.contactId(), rewrites);
      case "Manage a conversation" -> replace(body, "assignee_id", f.adminId(), rewrites);
      case "Attach a contact to a conversation" -> {
        replace(body.path("customer"), "intercom_user_id", f.secondContactId(), rewrites);
        replace(
            body.path("customer").path("customer"),
            "intercom_user_id",
            f.secondContactId(),
            rewrites);
      }
      case "Redact a conversation part" -> {
        replace(body, "conversation_id", f.conversationId(), rewrites);
        replace(body, "conversation_part_id", f.conversationPartId(), rewrites);
        replace(body, "source_id", f.conversationSourceId(), rewrites);
      }
      case "Add tag to a conversation" -> replace(body, "id", f.applyTagId(), rewrites);
      case "Create or update a tag, Tag or untag companies, Tag contacts" -> {
        replace(body, "id", f.renameTagId(), rewrites);
        body.path("users").forEach(user -> replace(user, "id", f.contactId(), rewrites));
        body.path("companies")
            .forEach(
                company -> {
                  replace(company, "id", f.companyId(), rewrites);
                  replace(company, "company_id", "postman-company", rewrites);
                });
      }
      case "Convert a visitor" -> {
        replace(body.path("visitor"), "id", f.visitors().convertVisitorId(), rewrites);
        replace(body.path("visitor"), "user_id", f.visitors().convertVisitorUserId(), rewrites);
        replace(body.path("user"), "id", f.visitors().convertUserId(), rewrites);
        replace(body.path("user"), "user_id", f.visitors().convertUserExternalId(), rewrites);
      }
      case "Update a visitor" -> {
        replace(body, "id", f.visitors().visitorId(), rewrites);
        replace(body, "user_id", f.visitors().visitorUserId(), rewrites);
      }
      case "Add tag to a contact" -> replace(body, "id", f.tagId(), rewrites);
      case "Merge a lead and a user" -> {
        replace(body, "from", f.leadId(), rewrites);
        replace(body, "into", f.secondContactId(), rewrites);
      }
      case "Submit a data event" -> {
        replace(body, "id", f.contactId(), rewrites);
        replace(body, "user_id", f.contactExternalId(), rewrites);
      }
      case "Create event summaries" -> replace(body, "user_id", f.contactExternalId(), rewrites);
      case "Attach a Contact to a Company" -> replace(body, "id", f.companyId(), rewrites);
      case "Add subscription to a contact" ->
          replace(body, "id", f.seeded().subscriptionTypeId(), rewrites);
      case "Add tag to a ticket" -> replace(body, "id", f.appliedTagId(), rewrites);
      case "Convert a conversation to a ticket" ->
          replace(body, "ticket_type_id", f.tickets().typeId(), rewrites);
      case "Create a ticket", "Enqueue create ticket" -> {
        replace(body, "ticket_type_id", f.tickets().linkTypeId(), rewrites);
        replace(body, "conversation_to_link_id", f.conversationId(), rewrites);
        body.path("contacts").forEach(c -> replace(c, "id", f.contactId(), rewrites));
        replace(body.path("assignment"), "admin_assignee_id", f.adminId(), rewrites);
        replace(body.path("assignment"), "team_assignee_id", f.teamId(), rewrites);
      }
      case "Update a ticket" -> {
        replace(body, "ticket_state_id", f.tickets().stateId(), rewrites);
        replace(body, "assignee_id", f.adminId(), rewrites);
      }
      case "Create a message" -> {
        if (body.path("from") instanceof ObjectNode from) {
          rewrites.add("from.id: " + from.get("id") + " -> " + f.adminId());
          from.put("id", Long.parseLong(f.adminId()));
        }
        for (String field : List.of("to", "cc", "bcc")) {
          body.path(field).forEach(r -> replace(r, "id", f.secondContactId(), rewrites));
        }
      }
      default -> {}
    }
  }

  private static void replace(JsonNode node, String field, String value, List<String> rewrites) {
    if (node instanceof ObjectNode object && object.has(field)) {
      rewrites.add(field + ": " + object.get(field) + " -> " + value);
      object.put(field, value);
    }
  }

  /** Removes {@code ""} values: the collection's placeholders for values the user must give. */
  private static void dropEmptyStrings(ObjectNode object, String prefix, List<String> rewrites) {
    Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (field.getValue().isTextual() && field.getValue().asText().isEmpty()) {
        rewrites.add(prefix + field.getKey() + " (\"\" placeholder) dropped");
        fields.remove();
      } else if (field.getValue() instanceof ObjectNode nested) {
        dropEmptyStrings(nested, prefix + field.getKey() + ".", rewrites);
      }
    }
  }

  /** Where the request as sent breaks the 2.14 description's request schema. */
  private static List<String> requestProblems(
      String method, String path, Map<String, String> query, String body) {
    SimpleRequest.Builder request =
        new SimpleRequest.Builder(method, path)
            .withHeader("Authorization", "Bearer placeholder")
            .withHeader("Intercom-Version", "2.14")
            .withAccept("application/json");
    query.forEach(request::withQueryParam);
    if (body != null) {
      request.withContentType("application/json").withBody(body);
    }
    ValidationReport validation =
        SpecValidator.validator(IntercomDescription.Source.V2_14).validateRequest(request.build());
    List<String> problems = new ArrayList<>();
    for (ValidationReport.Message message : validation.getMessages()) {
      if (message.getLevel() == ValidationReport.Level.ERROR) {
        problems.add(message.getKey() + ": " + message.getMessage());
      }
    }
    return problems;
  }

  /**
   * Bearer auth with the environment's {@code token}. The collection's own auth entries name the
   * token {@code bearerToken}, a key Postman's bearer helper does not read (it reads {@code
   * token}): run as shipped, the collection sends no Authorization header at all.
   */
  private static ObjectNode bearerAuth() {
    ObjectNode auth = JSON.createObjectNode();
    auth.put("type", "bearer");
    ObjectNode token = auth.putArray("bearer").addObject();
    token.put("key", "token");
    token.put("value", "{{token}}");
    token.put("type", "string");
    return auth;
  }

  private static ObjectNode environmentFor(ObjectNode environment, String baseUrl, String token) {
    ObjectNode copy = environment.deepCopy();
    ArrayNode values = (ArrayNode) copy.path("values");
    for (JsonNode value : values) {
      String key = value.path("key").asText();
      if (key.equals("baseUrl")) {
        ((ObjectNode) value).put("value", baseUrl);
      } else if (key.equals("token")) {
        ((ObjectNode) value).put("value", token);
      }
    }
    return copy;
  }

  private static String responseBody(JsonNode response) {
    JsonNode data = response.path("stream").path("data");
    if (!data.isArray()) {
      return "";
    }
    byte[] bytes = new byte[data.size()];
    for (int i = 0; i < data.size(); i++) {
      bytes[i] = (byte) data.get(i).asInt();
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static String header(JsonNode response, String name) {
    for (JsonNode header : response.path("header")) {
      if (header.path("key").asText().equalsIgnoreCase(name)) {
        return header.path("value").asText();
      }
    }
    return null;
  }

  private static InputStream resource(String name) {
    InputStream in = PostmanCollectionTest.class.getClassLoader().getResourceAsStream(name);
    assertThat(in).as("test resource %s", name).isNotNull();
    return in;
  }

  private static String store() {
    return System.getProperty("parley.test.store", "sqlite").toLowerCase(Locale.ROOT);
  }

  /** {@code src/test/newman} under the Maven base directory. */
  private static Path newmanProject() {
    Path base = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    Path project = base.resolve("src").resolve("test").resolve("newman");
    assertThat(project.resolve("package.json")).as("the newman project of this test").exists();
    return project.toAbsolutePath();
  }
}
