/**
 * Data attributes (Intercom's {@code data_attribute}): the built-in attributes of contacts,
 * companies and conversations, a workspace's custom ones, and the type checks of the custom
 * attributes written to contacts and conversations.
 */
package dev.parley.domain.attribute;
