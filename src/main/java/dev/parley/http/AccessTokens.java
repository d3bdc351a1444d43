package dev.parley.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * What the server reads from a request before it knows its route: the access token of its {@code
 * Authorization} header, and whether its raw path is validly percent-encoded.
 */
final class AccessTokens {
  private AccessTokens() {}

  /**
   * The access token of an {@code Authorization} header, or null for a missing or malformed one.
   * Two forms carry it: {@code Bearer <token>} (the 2.14 description's {@code bearerAuth}), and
   * {@code Basic base64(<token>:)}, the token as the Basic user name with an empty password, which
   * Intercom accepted and its legacy Java SDK ({@code io.intercom:intercom-java} 2.x) sends. A
   * Basic value that is not base64 of UTF-8, has no colon, an empty user name or a non-empty
   * password is malformed: parley gives a Basic password no meaning, so none is ignored. Scheme
   * names are case-insensitive.
   */
  static String accessToken(String header) {
    if (header == null) {
      return null;
    }
    String trimmed = header.trim();
    int space = trimmed.indexOf(' ');
    if (space < 0) {
      return null;
    }
    String scheme = trimmed.substring(0, space).toLowerCase(Locale.ROOT);
    String credentials = trimmed.substring(space + 1).trim();
    String token =
        switch (scheme) {
          case "bearer" -> credentials;
          case "basic" -> basicUserWithoutPassword(credentials);
          default -> null;
        };
    return token == null || token.isEmpty() || token.contains(" ") ? null : token;
  }

  /**
   * The user name of Basic credentials {@code base64(user:)}, or null when they are anything else.
   */
  private static String basicUserWithoutPassword(String credentials) {
    String decoded;
    try {
      decoded =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(Base64.getDecoder().decode(credentials)))
              .toString();
    } catch (IllegalArgumentException | CharacterCodingException e) {
      return null;
    }
    int colon = decoded.indexOf(':');
    return colon > 0 && colon == decoded.length() - 1 ? decoded.substring(0, colon) : null;
  }

  /** Whether every {@code %} of a raw request path starts an escape of two hex digits. */
  static boolean validPercentEncoding(String rawPath) {
    if (rawPath == null) {
      return true;
    }
    for (int i = rawPath.indexOf('%'); i >= 0; i = rawPath.indexOf('%', i + 1)) {
      if (i + 2 >= rawPath.length()
          || Character.digit(rawPath.charAt(i + 1), 16) < 0
          || Character.digit(rawPath.charAt(i + 2), 16) < 0) {
        return false;
      }
    }
    return true;
  }
}
