package dev.parley.domain.webhook;

import dev.parley.domain.WireEnum;

/**
 * Where one notification stands in the delivery log: {@code pending} (not yet answered with a 2xx),
 * {@code delivered}, {@code dropped} (its content was erased, or its subscription deleted, before
 * it was delivered: it will never be sent) or {@code failed} (given up after the maximum age of a
 * notification).
 */
public enum NotificationStatus implements WireEnum {
  PENDING,
  DELIVERED,
  DROPPED,
  FAILED;

  /** The status written as {@code value}; IllegalArgumentException for any other value. */
  public static NotificationStatus fromWire(String value) {
    return WireEnum.fromWire(NotificationStatus.class, value, "notification status");
  }
}
