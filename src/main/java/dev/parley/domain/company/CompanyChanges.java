package dev.parley.domain.company;

import java.util.Map;

/**
 * The fields a create-or-update or an update sets; a null field keeps the stored value (a new
 * company's fields start empty, {@code monthly_spend} at 0). Custom attributes are merged, a null
 * value removing one.
 *
 * @param remoteCreatedAt Unix seconds
 */
public record CompanyChanges(
    String name,
    String plan,
    Long size,
    String website,
    String industry,
    Long monthlySpend,
    Map<String, Object> customAttributes,
    Long remoteCreatedAt) {}
