package dev.parley.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Intercom's error body ({@code error} in the 2.14 description): {@code
 * {"type":"error.list","request_id":"<uuid>","errors":[{"code","message","field"?}]}}.
 */
public record ErrorBody(String type, String requestId, List<Error> errors) {

  /** One error with the request id. */
  public static ErrorBody of(String requestId, String code, String message, String field) {
    return new ErrorBody("error.list", requestId, List.of(new Error(code, message, field)));
  }

  /** One entry of {@code errors}; {@code field} is left out when null. */
  public record Error(
      String code, String message, @JsonInclude(JsonInclude.Include.NON_NULL) String field) {}
}
