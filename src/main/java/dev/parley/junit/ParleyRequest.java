package dev.parley.junit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One request of a workspace's journal ({@code GET /_parley/workspaces/{name}/journal}): what was
 * called and how it ended, never a body, a query string or a header.
 *
 * @param createdAt when parley received it, Unix seconds (the server's clock)
 * @param method the HTTP method, e.g. {@code GET}
 * @param path the path as requested, without its query string; an erased conversation's or a
 *     deleted contact's id is replaced by the template's placeholder
 * @param pathTemplate the route's path, e.g. {@code /conversations/{id}}; null when no route
 *     matched
 * @param operationId Intercom's operationId, e.g. {@code retrieveConversation}; null when no route
 *     matched
 * @param status the HTTP status answered
 * @param durationMs how long the answer took, milliseconds
 * @param requestId the {@code X-Request-Id} parley answered with
 */
public record ParleyRequest(
    long createdAt,
    String method,
    String path,
    String pathTemplate,
    String operationId,
    int status,
    double durationMs,
    String requestId) {

  static ParleyRequest of(JsonNode entry) {
    return new ParleyRequest(
        entry.path("created_at").asLong(),
        entry.path("method").asText(),
        entry.path("path").asText(),
        text(entry.path("path_template")),
        text(entry.path("operation_id")),
        entry.path("status").asInt(),
        entry.path("duration_ms").asDouble(),
        text(entry.path("request_id")));
  }

  private static String text(JsonNode node) {
    return node.isMissingNode() || node.isNull() ? null : node.asText();
  }
}
