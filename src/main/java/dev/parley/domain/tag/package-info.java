/** Tags: Intercom's {@code /tags}; conversation tagging lives in the conversation package. */
package dev.parley.domain.tag;
