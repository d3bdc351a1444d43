package dev.parley.domain.conversation;

/**
 * An attachment of a source message or a part (Intercom's {@code part_attachment}).
 *
 * @param partId the part it belongs to, or null for the source message
 * @param kind {@link AttachmentKind#FILE}: bytes in the blob store under {@code blobKey}, served at
 *     {@code /uploads/{workspaceId}/{urlToken}}; {@link AttachmentKind#URL}: a link the client
 *     gave, kept as given in {@code url} and never fetched
 * @param filesize bytes, for files
 * @param width pixels, for images; else null (likewise height)
 */
public record Attachment(
    long workspaceId,
    long id,
    long conversationId,
    Long partId,
    int position,
    AttachmentKind kind,
    String name,
    String contentType,
    Long filesize,
    Integer width,
    Integer height,
    String blobKey,
    String urlToken,
    String url,
    long createdAt) {

  /** Whether its bytes are in parley's blob store (an uploaded file). */
  public boolean isFile() {
    return kind == AttachmentKind.FILE;
  }

  /** A link the client gave ({@code attachment_urls}): named by the URL's last path segment. */
  static Attachment link(
      long ws, long id, long conversationId, Long partId, int position, String url, long at) {
    return new Attachment(
        ws,
        id,
        conversationId,
        partId,
        position,
        AttachmentKind.URL,
        lastPathSegment(url),
        "text/uri-list",
        null,
        null,
        null,
        null,
        null,
        url,
        at);
  }

  /**
   * An uploaded file whose bytes are stored but whose row is not placed yet (ids 0).
   *
   * @param size width and height in pixels for an image, else null
   */
  static Attachment unplacedFile(
      long ws,
      String name,
      String contentType,
      long filesize,
      int[] size,
      String blobKey,
      String urlToken,
      long at) {
    return new Attachment(
        ws,
        0,
        0,
        null,
        0,
        AttachmentKind.FILE,
        name,
        contentType,
        filesize,
        size == null ? null : size[0],
        size == null ? null : size[1],
        blobKey,
        urlToken,
        null,
        at);
  }

  /** This file placed as the {@code position}th attachment of a part. */
  Attachment placed(long newId, long newConversationId, long newPartId, int newPosition, long at) {
    return new Attachment(
        workspaceId,
        newId,
        newConversationId,
        newPartId,
        newPosition,
        kind,
        name,
        contentType,
        filesize,
        width,
        height,
        blobKey,
        urlToken,
        url,
        at);
  }

  private static String lastPathSegment(String url) {
    String path = url;
    int query = path.indexOf('?');
    if (query >= 0) {
      path = path.substring(0, query);
    }
    int slash = path.lastIndexOf('/');
    String name = slash >= 0 ? path.substring(slash + 1) : path;
    return name.isEmpty() ? url : name;
  }
}
