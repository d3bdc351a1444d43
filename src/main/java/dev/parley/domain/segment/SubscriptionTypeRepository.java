package dev.parley.domain.segment;

import java.util.List;
import java.util.Optional;

/**
 * Subscription types and contacts' choices about them ({@code subscription_types}, {@code
 * contact_subscriptions}). All lookups are confined to {@code workspaceId}.
 */
public interface SubscriptionTypeRepository {
  void insert(SubscriptionType type);

  Optional<SubscriptionType> find(long workspaceId, long typeId);

  /** Every subscription type of the workspace, archived ones included, in id order. */
  List<SubscriptionType> list(long workspaceId);

  /**
   * Sets a type's state to {@code archived}.
   *
   * @param at Unix seconds, its new {@code updated_at}
   * @return false when there was no such type
   */
  boolean archive(long workspaceId, long typeId, long at);

  /**
   * Deletes a type and every contact's choice about it.
   *
   * @return false when there was no such type
   */
  boolean delete(long workspaceId, long typeId);

  /**
   * Records a contact's choice about a type (opted in to an opt-in type, out of an opt-out one).
   *
   * @param at Unix seconds
   * @return false when it was recorded already (nothing changes)
   */
  boolean attach(long workspaceId, String contactId, long typeId, long at);

  /**
   * Forgets a contact's choice about a type.
   *
   * @return false when there was none
   */
  boolean detach(long workspaceId, String contactId, long typeId);

  /** The types a contact has made a choice about, in type id order. */
  List<SubscriptionType> ofContact(long workspaceId, String contactId);

  /**
   * Forgets every choice of a contact (its erasure).
   *
   * @return how many were deleted
   */
  int deleteOfContact(long workspaceId, String contactId);
}
