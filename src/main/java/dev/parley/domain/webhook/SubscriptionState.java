package dev.parley.domain.webhook;

import dev.parley.domain.WireEnum;

/**
 * Where a webhook subscription stands, after Intercom's delivery rules ("Delivering webhook
 * notifications"): {@code active}; {@code paused} for a while after a run of consecutive error
 * responses (notifications wait); {@code suspended} after days of errors, until an operator resumes
 * it (no new notifications are queued for it meanwhile).
 */
public enum SubscriptionState implements WireEnum {
  ACTIVE,
  PAUSED,
  SUSPENDED;

  /** The state written as {@code value}; IllegalArgumentException for any other value. */
  public static SubscriptionState fromWire(String value) {
    return WireEnum.fromWire(SubscriptionState.class, value, "subscription state");
  }
}
