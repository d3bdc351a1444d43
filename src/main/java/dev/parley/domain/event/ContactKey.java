package dev.parley.domain.event;

/**
 * How a request names the contact of its events, as Intercom's events operations do: by {@code id}
 * (Intercom's id, {@code intercom_user_id} when listing), by {@code user_id} (the user's external
 * id) or by {@code email}. The first of them that is present is used.
 */
public record ContactKey(String id, String userId, String email) {
  /** True when none of the three is given. */
  public boolean isEmpty() {
    return id == null && userId == null && email == null;
  }
}
