package dev.parley.domain;

/**
 * The one exception family of parley's domain: an {@link ErrorCode}, a human readable message and,
 * optionally, the request field or header at fault. The HTTP layer renders it as Intercom's {@code
 * error.list} body with the code's status.
 */
public class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode errorCode;
  private final String field;

  /** An error with the code's default message and no field. */
  public ApiException(ErrorCode errorCode) {
    this(errorCode, errorCode.defaultMessage(), null);
  }

  /** An error with a specific message and no field. */
  public ApiException(ErrorCode errorCode, String message) {
    this(errorCode, message, null);
  }

  /**
   * An error with a specific message, naming the request field (a JSON path such as {@code
   * "from.id"}, a query parameter or a header name) that caused it.
   */
  public ApiException(ErrorCode errorCode, String message, String field) {
    super(message, null, false, false);
    this.errorCode = errorCode;
    this.field = field;
  }

  public ErrorCode errorCode() {
    return errorCode;
  }

  /** The field at fault, or null. */
  public String field() {
    return field;
  }

  /** 404 {@code not_found} "Resource Not Found", Intercom's answer for an unknown id. */
  public static ApiException notFound() {
    return new ApiException(ErrorCode.NOT_FOUND);
  }

  /** 400 {@code parameter_invalid} naming {@code field}. */
  public static ApiException invalid(String field, String message) {
    return new ApiException(ErrorCode.PARAMETER_INVALID, message, field);
  }

  /** 400 {@code parameter_not_found} naming the missing {@code field}. */
  public static ApiException missing(String field) {
    return new ApiException(
        ErrorCode.PARAMETER_NOT_FOUND, "'" + field + "' is a required parameter", field);
  }
}
