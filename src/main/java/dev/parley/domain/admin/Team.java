package dev.parley.domain.admin;

import java.util.List;

/** A team of admins (Intercom's {@code team}); ids are numeric, rendered as strings. */
public record Team(long workspaceId, long id, String name, long createdAt, List<Long> adminIds) {}
