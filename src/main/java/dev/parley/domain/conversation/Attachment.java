package dev.parley.domain.conversation;

/**
 * An attachment of a source message or a part (Intercom's {@code part_attachment}).
 *
 * @param partId the part it belongs to, or null for the source message
 * @param kind {@code "file"}: bytes in the blob store under {@code blobKey}, served at
 *     {@code /uploads/{workspaceId}/{urlToken}}; {@code "url"}: a link the client gave,
 *     kept as given in {@code url} and never fetched
 * @param filesize bytes, for files
 * @param width pixels, for images; else null (likewise height)
 */
public record Attachment(
    long workspaceId,
    long id,
    long conversationId,
    Long partId,
    int position,
    String kind,
    String name,
    String contentType,
    Long filesize,
    Integer width,
    Integer height,
    String blobKey,
    String urlToken,
    String url,
    long createdAt) {

  public boolean isFile() {
    return "file".equals(kind);
  }
}
