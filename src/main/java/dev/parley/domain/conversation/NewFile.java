package dev.parley.domain.conversation;

/**
 * An uploaded file of a reply ({@code attachment_files}), already decoded from base64.
 *
 * @param name the file name the client gave
 * @param contentType the media type the client gave
 * @param data the bytes
 */
public record NewFile(String name, String contentType, byte[] data) {}
