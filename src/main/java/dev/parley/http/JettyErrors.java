package dev.parley.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.domain.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Jetty's error handler for what Jetty refuses before any parley route sees it (a request line or
 * path it cannot parse, {@code %00} in the path, a URI over its limit: 414, header fields over
 * their limit: 431): Intercom's {@code error.list} JSON body, with Jetty's status, instead of
 * Jetty's HTML page, whatever the method. The code is {@link ErrorCode#forStatus}'s: {@code
 * parameter_invalid} for the 4xx statuses Jetty answers, {@code service_unavailable} for the 503 of
 * a request that arrives on an open connection once a stop has begun, and {@code server_error} for
 * any other 5xx; the message names the problem without echoing the input. The response carries an
 * {@code X-Request-Id} like every other.
 */
final class JettyErrors extends ErrorHandler {
  private final ObjectMapper mapper;

  JettyErrors(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** Refusals of the HTTP parser, before a request exists (bad request line, 414, 431). */
  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    String requestId = UUID.randomUUID().toString();
    fields.put(HttpHeader.CONTENT_TYPE, "application/json");
    fields.put("X-Request-Id", requestId);
    return ByteBuffer.wrap(body(status, requestId));
  }

  /**
   * Every method gets the JSON body; Jetty's default gives one to GET, POST and HEAD only, and sent
   * a request refused during a stop (a DELETE, say) a 503 with no body at all.
   */
  @Override
  public boolean errorPageForMethod(String method) {
    return true;
  }

  /** Refusals of a parsed request (an ambiguous or illegal path) and any other Jetty error page. */
  @Override
  protected void generateAcceptableResponse(
      Request baseRequest,
      HttpServletRequest request,
      HttpServletResponse response,
      int code,
      String message)
      throws IOException {
    baseRequest.setHandled(true);
    String requestId = UUID.randomUUID().toString();
    response.setContentType("application/json");
    response.setHeader("X-Request-Id", requestId);
    byte[] body = body(code, requestId);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  private byte[] body(int status, String requestId) {
    String code = ErrorCode.forStatus(status).code();
    String message =
        switch (status) {
          case 414 -> "The request URI is too long";
          case 431 -> "The request header fields are too large";
          case 503 -> "The server is stopping; retry the request";
          default ->
              status >= 500
                  ? "An unexpected error occurred"
                  : "The request could not be parsed: check its path and headers";
        };
    try {
      return mapper.writeValueAsBytes(ErrorBody.of(requestId, code, message, null));
    } catch (JsonProcessingException e) {
      return ("{\"type\":\"error.list\",\"errors\":[{\"code\":\""
              + code
              + "\",\"message\":\""
              + message
              + "\"}]}")
          .getBytes(StandardCharsets.UTF_8);
    }
  }
}
