package dev.parley.domain.tag;

/** A tag of a workspace (Intercom's {@code tag}); names are unique case-insensitively. */
public record Tag(long workspaceId, long id, String name, long createdAt) {}
