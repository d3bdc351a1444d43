package dev.parley.domain.workspace;

import dev.parley.domain.ApiException;
import dev.parley.domain.ErrorCode;
import dev.parley.domain.Store;
import java.util.Optional;

/**
 * Turns a bearer token into a {@link Caller}, as Intercom's API does for every operation
 * ({@code bearerAuth} in the 2.14 description).
 */
public final class AuthService {
  private final Store store;

  public AuthService(Store store) {
    this.store = store;
  }

  /**
   * Authenticates a token secret.
   *
   * @param secret the token from {@code Authorization: Bearer <secret>}, or null when absent
   * @return the caller
   * @throws ApiException 401 {@code unauthorized} "Access Token Invalid" for a missing,
   *     unknown or revoked token; 403 {@code api_plan_restricted} "Active subscription
   *     needed." when an operator restricted the token's workspace
   */
  public Caller authenticate(String secret) {
    if (secret == null || secret.isBlank()) {
      throw new ApiException(ErrorCode.UNAUTHORIZED);
    }
    String hash = Tokens.hash(secret);
    Optional<Caller> caller =
        store.read(
            repos ->
                repos
                    .workspaces()
                    .findTokenByHash(hash)
                    .filter(token -> token.revokedAt() == null)
                    .flatMap(
                        token ->
                            repos
                                .workspaces()
                                .find(token.workspaceId())
                                .map(
                                    ws ->
                                        new Caller(ws, token.id(), token.adminId(), token.scopes()))));
    Caller found = caller.orElseThrow(() -> new ApiException(ErrorCode.UNAUTHORIZED));
    if (found.workspace().restricted()) {
      throw new ApiException(ErrorCode.API_PLAN_RESTRICTED);
    }
    return found;
  }
}
