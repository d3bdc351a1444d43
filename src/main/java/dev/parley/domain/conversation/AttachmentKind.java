package dev.parley.domain.conversation;

import dev.parley.domain.WireEnum;

/**
 * Where an attachment's content is: {@code "file"}, bytes uploaded to parley (rendered as a {@code
 * part_attachment} of type {@code upload}, served at {@code /uploads/...}); or {@code "url"}, a
 * link the client gave in {@code attachment_urls} (type {@code url}, never fetched). Stored as the
 * wire value in {@code uploads.kind}.
 */
public enum AttachmentKind implements WireEnum {
  FILE,
  URL;

  /** The kind written as {@code value}; IllegalArgumentException for any other value. */
  public static AttachmentKind fromWire(String value) {
    return WireEnum.fromWire(AttachmentKind.class, value, "attachment kind");
  }
}
