package dev.parley.http.uploads;

import dev.parley.blob.BlobStore;
import dev.parley.domain.ApiException;
import dev.parley.domain.Ids;
import dev.parley.domain.conversation.Attachment;
import dev.parley.domain.conversation.ConversationService;
import dev.parley.http.ApiRoute;
import dev.parley.http.conversations.ConversationRenderer;
import io.javalin.http.Context;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Serves upload bytes at the URL in a part's attachment. No bearer token: the 256-bit random token
 * in the URL is the secret. The bytes are served with the stored content type exactly as the client
 * gave it (parameters included, no charset added), {@code nosniff}, a sandboxing CSP, and as a
 * download for anything but raster images, so an uploaded HTML or SVG file never runs script on
 * parley's origin. Erased uploads answer 404.
 */
public final class UploadRoutes {
  private static final Pattern TOKEN = Pattern.compile("[0-9a-f]{64}");
  private static final String TOKEN_CHARS = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
  private static final String QUOTED_STRING =
      "\"(?:[\\t \\x21\\x23-\\x5B\\x5D-\\x7E]|\\\\[\\t \\x21-\\x7E])*\"";

  /**
   * A media type as HTTP defines it (RFC 9110, 8.3.1): {@code type/subtype} and parameters, in
   * printable ASCII; a stored type that is not one (it could not be sent as a header) is served as
   * {@code application/octet-stream}.
   */
  private static final Pattern MEDIA_TYPE =
      Pattern.compile(
          TOKEN_CHARS
              + "/"
              + TOKEN_CHARS
              + "(?:[ \\t]*;[ \\t]*"
              + TOKEN_CHARS
              + "=(?:"
              + TOKEN_CHARS
              + "|"
              + QUOTED_STRING
              + "))*");

  private final ConversationService conversations;
  private final BlobStore blobs;

  public UploadRoutes(ConversationService conversations, BlobStore blobs) {
    this.conversations = conversations;
    this.blobs = blobs;
  }

  public List<ApiRoute> routes() {
    return List.of(
        ApiRoute.publicGet(
            "/uploads/{workspace_id}/{token}", "downloadUpload", this::downloadUpload));
  }

  /** {@code GET /uploads/{workspace_id}/{token}}: the bytes, or 404 {@code not_found}. */
  void downloadUpload(Context ctx) throws Exception {
    long workspaceId = Ids.parse(ctx.pathParam("workspace_id"));
    String token = ctx.pathParam("token");
    if (!TOKEN.matcher(token).matches()) {
      throw ApiException.notFound();
    }
    Attachment upload =
        conversations.upload(workspaceId, token).orElseThrow(ApiException::notFound);
    Optional<InputStream> bytes = blobs.open(upload.blobKey());
    if (bytes.isEmpty()) {
      throw ApiException.notFound();
    }
    String contentType =
        MEDIA_TYPE.matcher(upload.contentType()).matches()
            ? upload.contentType()
            : "application/octet-stream";
    boolean inline = ConversationRenderer.inline(contentType);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Content-Security-Policy", "default-src 'none'; sandbox");
    ctx.header("Cache-Control", "private, no-store");
    ctx.header(
        "Content-Disposition",
        (inline ? "inline" : "attachment")
            + "; filename*=UTF-8''"
            + URLEncoder.encode(upload.name(), StandardCharsets.UTF_8).replace("+", "%20"));
    if (upload.filesize() != null) {
      ctx.header("Content-Length", Long.toString(upload.filesize()));
    }
    // The stored type byte for byte: Jetty appends the response's character encoding
    // (";charset=utf-8", which Javalin sets on every response) to a type that names none,
    // unless that encoding is cleared first.
    ctx.res().setCharacterEncoding(null);
    ctx.res().setContentType(contentType);
    // Served as stored with its Content-Length: never gzipped on the way, whatever
    // Accept-Encoding asks (a compressed body under the file's length arrived truncated).
    ctx.disableCompression();
    ctx.result(bytes.get());
  }
}
