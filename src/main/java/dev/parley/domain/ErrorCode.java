package dev.parley.domain;

/**
 * Every error parley answers, in one table: Intercom's error code, the HTTP status it goes with,
 * and the default message. The codes and messages follow the examples of Intercom's REST API 2.14
 * description ({@code error.list} bodies); the HTTP layer renders them.
 */
public enum ErrorCode {
  // The request is malformed or a parameter is wrong.
  PARAMETER_INVALID(400, "parameter_invalid", "Invalid parameter"),
  BAD_REQUEST(400, "bad_request", "Bad request"),
  PARAMETER_NOT_FOUND(400, "parameter_not_found", "Missing required parameter"),
  INTERCOM_VERSION_INVALID(400, "intercom_version_invalid", "Intercom-Version is not valid"),
  /** The description names the code but no status; parley answers 400 (bad request). */
  CONVERSATION_PART_NOT_REDACTABLE(
      400, "conversation_part_not_redactable", "Conversation part or message is not redactable"),

  // The caller may not do this.
  UNAUTHORIZED(401, "unauthorized", "Access Token Invalid"),
  ACTION_FORBIDDEN(
      403, "action_forbidden", "Your access token does not have the permission for this action"),
  API_PLAN_RESTRICTED(403, "api_plan_restricted", "Active subscription needed."),

  // What the request names does not exist (in the caller's workspace).
  NOT_FOUND(404, "not_found", "Resource Not Found"),
  VISITOR_NOT_FOUND(404, "not_found", "Visitor Not Found"),
  USER_NOT_FOUND(404, "not_found", "User Not Found"),
  CONVERSATION_NOT_FOUND(404, "not_found", "Conversation not found"),
  ADMIN_NOT_FOUND(404, "admin_not_found", "Admin not found"),
  TEAM_NOT_FOUND(404, "team_not_found", "Team not found"),
  TAG_NOT_FOUND(404, "tag_not_found", "Tag not found"),
  COMPANY_NOT_FOUND(404, "company_not_found", "Company Not Found"),
  CONVERSATION_PART_OR_MESSAGE_NOT_FOUND(
      404, "conversation_part_or_message_not_found", "Conversation part or message not found"),
  EXPORT_JOB_NOT_FOUND(404, "not_found", "Export job not found"),
  /** {@code jobsStatus}: an id that is no job of the workspace. */
  JOB_NOT_FOUND(404, "job_not_found", "Job Not Found"),
  DATA_ATTRIBUTE_NOT_FOUND(
      404, "field_not_found", "We couldn't find that data attribute to update"),

  // What HTTP itself refuses, the search timeout among them.
  METHOD_NOT_ALLOWED(405, "method_not_allowed", "Method Not Allowed"),
  NOT_ACCEPTABLE(406, "not_acceptable", "Not Acceptable"),
  /**
   * A search that ran out of time (parley's {@code --search-timeout-seconds}). Intercom's error
   * codes name {@code request_timeout}, "the server timed out while processing the request", and
   * its HTTP table 408; the 2.14 description gives the search operations no error status of their
   * own. Not a 5xx: the query, not the server, is at fault.
   */
  SEARCH_TIMEOUT(
      408, "request_timeout", "The search took too long; narrow the query or retry later"),
  REQUEST_TOO_LARGE(413, "request_entity_too_large", "Request body is too large"),
  UNSUPPORTED_MEDIA_TYPE(415, "unsupported_media_type", "Content-Type must be application/json"),

  // Refused by Intercom's rules, or by the server's state.
  UNPROCESSABLE(422, "parameter_invalid", "Unprocessable request"),
  LAST_CUSTOMER(422, "parameter_invalid", "Removing the last customer is not allowed"),
  EMAIL_SUBJECT_MISSING(422, "parameter_not_found", "No subject supplied for email message"),
  RATE_LIMIT_EXCEEDED(429, "rate_limit_exceeded", "Rate limit exceeded"),
  SERVICE_UNAVAILABLE(503, "service_unavailable", "Service temporarily unavailable"),
  SERVER_ERROR(500, "server_error", "An unexpected error occurred");

  private final int status;
  private final String code;
  private final String defaultMessage;

  ErrorCode(int status, String code, String defaultMessage) {
    this.status = status;
    this.code = code;
    this.defaultMessage = defaultMessage;
  }

  /**
   * The error answered for a bare HTTP status, where no code was chosen: what Javalin or Jetty
   * refuse (an unknown path, a body over the size limit, a request during a stop). {@code
   * parameter_invalid} for any other 4xx, {@code server_error} for any other 5xx.
   */
  public static ErrorCode forStatus(int status) {
    return switch (status) {
      case 413 -> REQUEST_TOO_LARGE;
      case 404 -> NOT_FOUND;
      case 405 -> METHOD_NOT_ALLOWED;
      case 406 -> NOT_ACCEPTABLE;
      case 415 -> UNSUPPORTED_MEDIA_TYPE;
      case 503 -> SERVICE_UNAVAILABLE;
      default -> status >= 500 ? SERVER_ERROR : PARAMETER_INVALID;
    };
  }

  /** The HTTP status this error is answered with. */
  public int status() {
    return status;
  }

  /** Intercom's error code string, e.g. {@code "not_found"}. */
  public String code() {
    return code;
  }

  /** The message used when the thrower gives none. */
  public String defaultMessage() {
    return defaultMessage;
  }
}
