/**
 * Segments and subscription types: Intercom's {@code listSegments}, {@code retrieveSegment}, {@code
 * listSegmentsForAContact}, {@code listSubscriptionTypes}, {@code listSubscriptionsForAContact},
 * {@code attachSubscriptionTypeToContact} and {@code detachSubscriptionTypeToContact}. parley has
 * no segment builder and no subscription editor: operators add both, and put contacts in segments,
 * through the CLI (docs/segments-and-subscriptions.md).
 */
package dev.parley.domain.segment;
