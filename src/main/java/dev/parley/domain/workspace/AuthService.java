package dev.parley.domain.workspace;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.parley.domain.ApiException;
import dev.parley.domain.ErrorCode;
import dev.parley.domain.ServerClock;
import dev.parley.domain.Store;
import java.time.Duration;
import java.util.Optional;

/**
 * Turns a bearer token into a {@link Caller}, as Intercom's API does for every operation ({@code
 * bearerAuth} in the 2.14 description).
 *
 * <p>A token found valid is remembered for {@link #CACHE_TTL} (one second), keyed by its SHA-256
 * hash, so that a burst of requests with one token reads the store once. A revocation or a
 * workspace restriction made by the CLI (another process) therefore takes effect within one second;
 * unknown tokens are never remembered.
 */
public final class AuthService {
  /** How long a token found valid is trusted without reading the store again. */
  public static final Duration CACHE_TTL = Duration.ofSeconds(1);

  private final Store store;
  private final Cache<String, Caller> valid;
  private final WorkspaceGate gate = new WorkspaceGate();

  /** A token cache on the system clock. */
  public AuthService(Store store) {
    this(store, new ServerClock());
  }

  /** A token cache whose {@link #CACHE_TTL} follows {@code clock} (a frozen clock holds it). */
  public AuthService(Store store, ServerClock clock) {
    this.store = store;
    this.valid =
        Caffeine.newBuilder()
            .expireAfterWrite(CACHE_TTL)
            .ticker(clock::nanos)
            .maximumSize(10_000)
            .build();
  }

  /**
   * Authenticates a token secret.
   *
   * @param secret the token from {@code Authorization: Bearer <secret>} (or the user name of {@code
   *     Basic base64(<secret>:)}), or null when absent or malformed
   * @return the caller
   * @throws ApiException 401 {@code unauthorized} "Access Token Invalid" for a missing, unknown or
   *     revoked token; 403 {@code api_plan_restricted} "Active subscription needed." when an
   *     operator restricted the token's workspace (both as the store said at most {@link
   *     #CACHE_TTL} ago)
   */
  public Caller authenticate(String secret) {
    if (secret == null || secret.isBlank()) {
      throw new ApiException(ErrorCode.UNAUTHORIZED);
    }
    String hash = Tokens.hash(secret);
    Caller found = valid.getIfPresent(hash);
    if (found == null) {
      found = lookUp(hash);
      valid.put(hash, found);
    }
    if (found.workspace().restricted()) {
      throw new ApiException(ErrorCode.API_PLAN_RESTRICTED);
    }
    return found;
  }

  /**
   * The requests of each workspace being handled ({@link WorkspaceGate}): the HTTP layer enters it
   * once a request is authenticated and leaves it when the request is done.
   */
  public WorkspaceGate gate() {
    return gate;
  }

  /**
   * Forgets every remembered token of a workspace, so that a workspace deleted in this process
   * stops answering at once instead of within {@link #CACHE_TTL}.
   */
  public void forgetWorkspace(long workspaceId) {
    valid.asMap().values().removeIf(caller -> caller.workspaceId() == workspaceId);
  }

  private Caller lookUp(String hash) {
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
                                        new Caller(
                                            ws, token.id(), token.adminId(), token.scopes()))));
    return caller.orElseThrow(() -> new ApiException(ErrorCode.UNAUTHORIZED));
  }
}
