package dev.parley.junit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A workspace made for one test ({@code POST /_parley/workspaces}): its own owner admin, its token,
 * and nothing else in it. Point the client under test at {@link #baseUrl()} with {@link #token()};
 * verify webhook signatures with {@link #clientSecret()}. {@link #toString()} leaves the secrets
 * out.
 */
public final class ParleyWorkspace {
  private final OperatorClient operator;
  private final String baseUrl;
  private final String name;
  private final String token;
  private final String appId;
  private final String clientSecret;
  private final String adminId;

  ParleyWorkspace(OperatorClient operator, String baseUrl, JsonNode created) {
    this.operator = operator;
    this.baseUrl = baseUrl;
    this.name = created.path("name").asText();
    this.token = created.path("token").asText();
    this.appId = created.path("app_id").asText();
    this.clientSecret = created.path("client_secret").asText();
    this.adminId = created.path("admin_id").asText();
  }

  /** The server's base URL, e.g. {@code http://127.0.0.1:41234} (no trailing slash). */
  public String baseUrl() {
    return baseUrl;
  }

  /** The workspace's name, as {@code /_parley/workspaces/{name}/...} paths take it. */
  public String name() {
    return name;
  }

  /** An access token of the workspace, acting as its owner admin, with the scopes asked. */
  public String token() {
    return token;
  }

  /** The workspace's {@code app_id}, as Intercom's API answers it. */
  public String appId() {
    return appId;
  }

  /** The key of the workspace's webhook signatures ({@code X-Hub-Signature}). */
  public String clientSecret() {
    return clientSecret;
  }

  /** The id of the workspace's owner admin (the admin its token acts as), a string. */
  public String adminId() {
    return adminId;
  }

  /**
   * Every request the workspace's tokens made that parley still holds (1,000 at most), oldest
   * first.
   */
  public List<ParleyRequest> journal() {
    return read("/_parley/workspaces/" + name + "/journal");
  }

  /** The last {@code limit} (1 to 1,000) requests of the workspace, oldest first. */
  public List<ParleyRequest> journal(int limit) {
    return read("/_parley/workspaces/" + name + "/journal?limit=" + limit);
  }

  /**
   * Empties the workspace's journal.
   *
   * @return how many requests it held
   */
  public int clearJournal() {
    return operator.delete("/_parley/workspaces/" + name + "/journal").path("deleted").asInt();
  }

  /**
   * Saves the workspace's contacts, tags and conversations as snapshot {@code snapshot} ({@code
   * POST /_parley/workspaces/{name}/snapshots}), replacing one of that name; docs/testing-with-
   * parley.md, "Snapshots".
   *
   * @param snapshot 1 to 100 letters, digits, dots, dashes and underscores, starting with a letter
   *     or a digit
   * @return how many objects it holds (one per contact, tag and conversation)
   * @throws IllegalStateException with parley's answer for a bad name
   */
  public int saveSnapshot(String snapshot) {
    return operator
        .post("/_parley/workspaces/" + name + "/snapshots", java.util.Map.of("name", snapshot))
        .path("objects")
        .asInt();
  }

  /**
   * Puts the workspace back to snapshot {@code snapshot}, with the saved objects' ids; what was
   * made since is gone, and what was erased since stays erased.
   *
   * @return how many objects were restored
   * @throws IllegalStateException with parley's answer (404) for an unknown snapshot
   */
  public int restoreSnapshot(String snapshot) {
    return operator
        .post("/_parley/workspaces/" + name + "/snapshots/" + snapshot + "/restore", null)
        .path("objects_restored")
        .asInt();
  }

  /**
   * Deletes snapshot {@code snapshot}.
   *
   * @throws IllegalStateException with parley's answer (404) for an unknown snapshot
   */
  public void deleteSnapshot(String snapshot) {
    operator.delete("/_parley/workspaces/" + name + "/snapshots/" + snapshot);
  }

  private List<ParleyRequest> read(String path) {
    List<ParleyRequest> requests = new ArrayList<>();
    operator.get(path).path("data").forEach(entry -> requests.add(ParleyRequest.of(entry)));
    return requests;
  }

  @Override
  public String toString() {
    return "ParleyWorkspace[name=" + name + ", appId=" + appId + ", baseUrl=" + baseUrl + "]";
  }
}
