package dev.parley.domain.workspace;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Generating, checking and hashing access token secrets. Secrets are never stored or logged: the
 * store keeps the SHA-256 of each, and finds a token by that hash.
 *
 * <p>An unsalted hash is enough for the tokens parley generates: each is 256 random bits, so
 * finding a secret from its hash (a leaked table) means a preimage of SHA-256, and a salt would add
 * nothing, since no two tokens share a secret and no dictionary holds them. A secret an operator
 * chooses ({@code PARLEY_BOOTSTRAP_TOKEN}, {@code PARLEY_OPERATOR_TOKEN}) has only the entropy the
 * operator gave it, and a fast unsalted hash of a short or guessable one falls to a dictionary or a
 * precomputed table; hence {@link #checkChosen} (docs/security.md).
 */
public final class Tokens {
  /** The fewest characters a chosen secret may have. */
  public static final int MIN_CHOSEN_LENGTH = 32;

  private static final SecureRandom RANDOM = new SecureRandom();

  private Tokens() {}

  /** A new random secret: 32 random bytes, URL-safe base64, with a {@code parley_} prefix. */
  public static String generate() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return "parley_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /**
   * Refuses a secret an operator chose that is too short, or that no {@code Authorization: Bearer}
   * header could carry intact.
   *
   * @param name where the secret came from, for the message (e.g. {@code PARLEY_BOOTSTRAP_TOKEN})
   * @param secret the secret
   * @throws IllegalArgumentException when it has fewer than {@value #MIN_CHOSEN_LENGTH} characters
   *     or a character outside printable ASCII ({@code !} to {@code ~}, no spaces); the message
   *     names the variable and never holds the secret
   */
  public static void checkChosen(String name, String secret) {
    if (secret.length() < MIN_CHOSEN_LENGTH) {
      throw new IllegalArgumentException(
          name
              + " must be at least "
              + MIN_CHOSEN_LENGTH
              + " characters (it has "
              + secret.length()
              + "): a short chosen secret can be guessed, and its unsalted SHA-256 hash reversed"
              + " from a dictionary. Use a random one, e.g. the output of: openssl rand -hex 32");
    }
    for (int i = 0; i < secret.length(); i++) {
      char c = secret.charAt(i);
      if (c < '!' || c > '~') {
        throw new IllegalArgumentException(
            name
                + " may hold only printable ASCII characters without spaces (character "
                + (i + 1)
                + " is not): an Authorization header could not carry it.");
      }
    }
  }

  /** The lower-case hex SHA-256 of the secret's UTF-8 bytes. */
  public static String hash(String secret) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /**
   * Constant-time comparison of two hashes from {@link #hash} (for a secret held in memory, such as
   * the operator token, rather than looked up in the store by its hash).
   */
  public static boolean sameHash(String a, String b) {
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
  }
}
