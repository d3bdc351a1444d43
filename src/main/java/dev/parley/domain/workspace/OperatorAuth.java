package dev.parley.domain.workspace;

import dev.parley.domain.ApiException;
import dev.parley.domain.ErrorCode;

/**
 * The operator credential: one secret the operator gives the server at start ({@code
 * PARLEY_OPERATOR_TOKEN}), separate from every workspace's access tokens, for what shows more than
 * one workspace (parley's {@code GET /metrics}). Intercom has no such endpoint; a workspace token
 * of any scope never passes here.
 *
 * <p>Only the secret's SHA-256 is kept in memory; a presented secret is hashed and the two hashes
 * compared in constant time ({@link Tokens#sameHash}), so the time an answer takes tells nothing
 * about how much of a guess was right.
 */
public final class OperatorAuth {
  private final String hash;

  /**
   * @param secret the operator secret, or null or blank when the operator set none: then every
   *     operator request answers 404, as if the endpoint did not exist
   */
  public OperatorAuth(String secret) {
    this.hash = secret == null || secret.isBlank() ? null : Tokens.hash(secret);
  }

  /** Whether an operator secret was set. */
  public boolean enabled() {
    return hash != null;
  }

  /**
   * Lets an operator request through, or refuses it.
   *
   * @param secret the token of {@code Authorization: Bearer <secret>}, or null when absent or
   *     malformed
   * @throws ApiException 404 {@code not_found} when no operator secret is set; 401 {@code
   *     unauthorized} "Access Token Invalid" for a missing or different secret (a workspace token
   *     included)
   */
  public void authenticate(String secret) {
    if (hash == null) {
      throw new ApiException(ErrorCode.NOT_FOUND);
    }
    if (secret == null || !Tokens.sameHash(Tokens.hash(secret), hash)) {
      throw new ApiException(ErrorCode.UNAUTHORIZED);
    }
  }
}
