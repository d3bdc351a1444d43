package dev.parley.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.domain.ApiException;
import dev.parley.domain.ErrorCode;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.http.BadMessageException;

/**
 * Reading a request body and the checks every body passes before any field of it is read, for every
 * operation alike: the body read to its end (broken framing is a 400), JSON declared, valid UTF-8,
 * one JSON object with no key repeated in any object, no NUL character or unpaired surrogate, no
 * number beyond a double's range, and no string over its {@link StringLimits} maximum for the
 * matched operation. {@link Wire} binds the checked object to an operation's request record.
 */
final class RequestBody {
  private RequestBody() {}

  /**
   * Parses the request body. An empty body is an empty object. Every string in it is checked
   * against its maximum in {@link StringLimits}.
   *
   * @throws ApiException 415 for a body that is not declared as JSON, 400 {@code parameter_invalid}
   *     for a body that cannot be read to its end (broken chunked framing, a connection closed
   *     before {@code Content-Length} bytes came), that is not a JSON object, that repeats a key in
   *     one object, that holds a number too large for a double ({@code 1e400}), or a string over
   *     its maximum (each naming the field)
   */
  static ObjectNode read(Context ctx, ObjectMapper mapper) {
    byte[] body = readBody(ctx);
    if (body.length == 0) {
      return JsonNodeFactory.instance.objectNode();
    }
    String contentType = ctx.contentType();
    if (contentType != null && !contentType.toLowerCase(Locale.ROOT).contains("json")) {
      throw new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
    }
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body));
    } catch (CharacterCodingException e) {
      throw new ApiException(ErrorCode.PARAMETER_INVALID, "Request body is not valid UTF-8");
    }
    JsonNode tree;
    try {
      tree =
          mapper
              .reader()
              .with(
                  DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                  DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
              .readTree(body);
    } catch (JsonProcessingException e) {
      String duplicate = duplicateKey(e);
      if (duplicate != null) {
        throw ApiException.invalid(duplicate, duplicate + " appears more than once in its object");
      }
      throw new ApiException(ErrorCode.PARAMETER_INVALID, "Request body is not valid JSON");
    } catch (java.io.IOException e) {
      throw new ApiException(ErrorCode.PARAMETER_INVALID, "Request body could not be read");
    }
    if (tree == null || tree.isMissingNode() || tree.isNull()) {
      return JsonNodeFactory.instance.objectNode();
    }
    if (!tree.isObject()) {
      throw new ApiException(ErrorCode.PARAMETER_INVALID, "Request body must be a JSON object");
    }
    check(tree, "", "", ctx.attribute(RequestContext.OPERATION));
    return (ObjectNode) tree;
  }

  /**
   * The request body's bytes. Jetty fails the read when the HTTP framing is broken (a chunk size
   * that is not hex) or the stream ends before the body does; Javalin would answer that with an
   * empty 500, as if the client had gone away. It is the client's malformed request: 400 {@code
   * parameter_invalid}. Javalin's own refusals (413 for a body over the limit) pass.
   */
  /**
   * The request's body, read to its end (Javalin keeps it for later reads).
   *
   * @throws ApiException 400 {@code parameter_invalid} when the body cannot be read: its chunked
   *     framing is broken, or the stream ended before its {@code Content-Length}
   */
  static byte[] readBody(Context ctx) {
    try {
      return ctx.bodyAsBytes();
    } catch (HttpResponseException e) {
      throw e;
    } catch (RuntimeException e) {
      if (e instanceof BadMessageException || e instanceof java.io.UncheckedIOException) {
        throw unreadableBody();
      }
      throw e;
    } catch (Exception e) {
      // An IOException (Jetty's EofException, or one wrapping a BadMessageException), thrown
      // through Javalin's Kotlin code, which declares none.
      throw unreadableBody();
    }
  }

  private static ApiException unreadableBody() {
    return new ApiException(
        ErrorCode.PARAMETER_INVALID,
        "Request body could not be read: its framing is broken or it ended before its"
            + " Content-Length");
  }

  /**
   * The path ({@code "from.id"}, {@code "a[0].b"}) of the key that Jackson found twice, or null
   * when {@code e} is another parse error.
   */
  private static String duplicateKey(JsonProcessingException e) {
    // Jackson gives the duplicate no exception type of its own; its message names it
    // ("Duplicate field 'x'", the same for FAIL_ON_READING_DUP_TREE_KEY and
    // STRICT_DUPLICATE_DETECTION). Should that text change, a duplicate is still a 400, only
    // without the field (BadInputTest would notice).
    String message = e.getOriginalMessage();
    if (message == null
        || !message.startsWith("Duplicate field")
        || !(e.getProcessor() instanceof JsonParser parser)) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    for (JsonStreamContext context = parser.getParsingContext();
        context != null && !context.inRoot();
        context = context.getParent()) {
      if (context.inArray()) {
        parts.add(0, "[" + context.getCurrentIndex() + "]");
      } else if (context.getCurrentName() != null) {
        parts.add(
            0,
            (context.getParent() != null && context.getParent().inRoot() ? "" : ".")
                + context.getCurrentName());
      }
    }
    String path = String.join("", parts);
    return path.isEmpty() ? null : path;
  }

  /**
   * Checks every name and value of a parsed body, naming the field at fault: no NUL character
   * anywhere (no store keeps it: PostgreSQL's text cannot hold it), no unpaired surrogate, no
   * string over its {@link StringLimits} maximum, and no number beyond a double's range ({@code
   * 1e400} would be kept as infinity).
   *
   * @param path the full path as errors name it ({@code attachment_files[0].name})
   * @param field the path as {@link StringLimits} names it ({@code attachment_files.name})
   */
  private static void check(JsonNode node, String path, String field, String operationId) {
    if (node.isTextual()) {
      String text = node.textValue();
      if (text.indexOf('\u0000') >= 0) {
        throw ApiException.invalid(path, path + " must not contain the NUL character");
      }
      if (hasLoneSurrogate(text)) {
        throw ApiException.invalid(
            path, path + " must not contain an unpaired surrogate (\\ud800 to \\udfff)");
      }
      StringLimits.check(text, StringLimits.max(operationId, field), path);
    } else if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
      throw ApiException.invalid(path, path + " must be a number within the range of a double");
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        check(node.get(i), path + "[" + i + "]", field, operationId);
      }
    } else if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> entry = fields.next();
        String name = path.isEmpty() ? entry.getKey() : path + "." + entry.getKey();
        if (entry.getKey().indexOf('\u0000') >= 0) {
          throw ApiException.invalid(path, "field names must not contain the NUL character");
        }
        String key = field.equals("custom_attributes") ? "*" : entry.getKey();
        check(entry.getValue(), name, field.isEmpty() ? key : field + "." + key, operationId);
      }
    }
  }

  /**
   * Whether {@code text} holds a UTF-16 surrogate that is not part of a pair (no store keeps one).
   */
  private static boolean hasLoneSurrogate(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }
}
