package dev.parley.http.companies;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.domain.ApiException;
import dev.parley.domain.company.CompanyChanges;
import dev.parley.http.Wire;
import dev.parley.http.contacts.ContactWire.ContactJson;
import dev.parley.http.contacts.ContactWire.PagesJson;
import java.util.List;
import java.util.Map;

/**
 * The JSON shapes of Intercom's company resource ({@code company}, {@code company_list}, {@code
 * company_scroll}, {@code deleted_company_object}, {@code company_attached_contacts}, {@code
 * company_attached_segments}, {@code contact_attached_companies}) and its request bodies.
 */
public final class CompanyWire {
  private CompanyWire() {}

  /** The largest {@code monthly_spend}, 2**31-1, as the description says. */
  static final long MAX_MONTHLY_SPEND = Integer.MAX_VALUE;

  /**
   * {@code company}: ids are strings ({@code id} Intercom's 24 hex, {@code company_id} the
   * client's), times Unix seconds; fields without a value are left out.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record CompanyJson(
      String type,
      String companyId,
      String id,
      String appId,
      String name,
      Long remoteCreatedAt,
      long createdAt,
      long updatedAt,
      Long size,
      String website,
      String industry,
      long monthlySpend,
      long sessionCount,
      long userCount,
      TagsJson tags,
      SegmentsJson segments,
      PlanJson plan,
      Map<String, Object> customAttributes) {}

  /** A company's {@code plan}: {@code {}} without one, else {@code {type: "plan", name}}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record PlanJson(String type, String name) {}

  /**
   * A company's {@code tags}: {@code {type: "tag.list", tags: [tag_basic]}}, in tag id order (the
   * 2.14 {@code company} schema).
   */
  public record TagsJson(String type, List<TagBasicJson> tags) {}

  /** {@code tag_basic}: {@code {type: "tag", id, name}}. */
  public record TagBasicJson(String type, String id, String name) {}

  /** A company's {@code segments}: {@code {type: "segment.list", segments: []}}. */
  public record SegmentsJson(String type, List<Object> segments) {}

  /** {@code company_list}: a page of companies. */
  public record CompanyListJson(
      String type, List<CompanyJson> data, PagesJson pages, long totalCount) {}

  /**
   * {@code company_scroll}: a step of a scroll, {@code total_count} null as in the description's
   * example, {@code scroll_param} left out once the scroll is over.
   */
  public record CompanyScrollJson(
      String type,
      List<CompanyJson> data,
      Long totalCount,
      @JsonInclude(JsonInclude.Include.NON_NULL) String scrollParam) {}

  /** {@code deleted_company_object}. */
  public record DeletedCompanyJson(String id, String object, boolean deleted) {}

  /** {@code company_attached_contacts}: a page of a company's contacts. */
  public record AttachedContactsJson(
      String type, List<ContactJson> data, long totalCount, PagesJson pages) {}

  /** {@code company_attached_segments}: always empty (parley has no segments). */
  public record AttachedSegmentsJson(String type, List<Object> data) {}

  /**
   * {@code contact_attached_companies}: the description's schema names the array {@code companies},
   * its example {@code data}; parley sends both (Intercom's SDKs read {@code companies}).
   */
  public record ContactCompaniesJson(
      String type,
      List<CompanyJson> companies,
      List<CompanyJson> data,
      long totalCount,
      PagesLinkJson pages) {}

  /** {@code pages_link} without {@code next} (the SDKs ask for the next page by number). */
  public record PagesLinkJson(String type, int page, int perPage, int totalPages) {}

  /**
   * The body of {@code createOrUpdateCompany} ({@code create_or_update_company_request}): {@code
   * company_id} required (a string or an integer); {@code remote_created_at} Unix seconds; {@code
   * monthly_spend} a number, a decimal truncated.
   */
  public record CreateOrUpdateCompanyRequest(
      @Wire.Required @JsonProperty("company_id") Wire.Id companyId,
      String name,
      String plan,
      Wire.Int size,
      String website,
      String industry,
      @JsonProperty("custom_attributes") Wire.Attributes customAttributes,
      @JsonProperty("remote_created_at") Wire.Timestamp remoteCreatedAt,
      @JsonProperty("monthly_spend") JsonNode monthlySpend) {

    /**
     * The changes of the body.
     *
     * @throws ApiException 400 {@code parameter_invalid} for a bad {@code monthly_spend} or {@code
     *     size}
     */
    CompanyChanges changes() {
      return CompanyWire.changes(
          name,
          plan,
          size,
          website,
          industry,
          customAttributes,
          Wire.Timestamp.seconds(remoteCreatedAt),
          monthlySpend);
    }
  }

  /**
   * The body of {@code UpdateCompany} ({@code update_company_request}); every field optional,
   * {@code company_id} ignored (it cannot change).
   */
  public record UpdateCompanyRequest(
      String name,
      String plan,
      Wire.Int size,
      String website,
      String industry,
      @JsonProperty("custom_attributes") Wire.Attributes customAttributes,
      @JsonProperty("monthly_spend") JsonNode monthlySpend) {

    /**
     * The changes of the body.
     *
     * @throws ApiException as {@link CreateOrUpdateCompanyRequest#changes}
     */
    CompanyChanges changes() {
      return CompanyWire.changes(
          name, plan, size, website, industry, customAttributes, null, monthlySpend);
    }
  }

  /** The body of {@code attachContactToACompany}: {@code id}, the company's Intercom id. */
  public record AttachCompanyRequest(Wire.Id id) {}

  private static CompanyChanges changes(
      String name,
      String plan,
      Wire.Int size,
      String website,
      String industry,
      Wire.Attributes attributes,
      Long remoteCreatedAt,
      JsonNode monthlySpend) {
    Long spend = null;
    if (monthlySpend != null && !monthlySpend.isNull()) {
      if (!monthlySpend.isNumber()) {
        throw ApiException.invalid("monthly_spend", "monthly_spend must be a number");
      }
      double value = monthlySpend.doubleValue();
      if (value < 0 || value > MAX_MONTHLY_SPEND) {
        throw ApiException.invalid(
            "monthly_spend", "monthly_spend must be between 0 and " + MAX_MONTHLY_SPEND);
      }
      spend = (long) value;
    }
    if (size != null && size.value() < 0) {
      throw ApiException.invalid("size", "size must not be negative");
    }
    return new CompanyChanges(
        name,
        plan,
        size == null ? null : size.value(),
        website,
        industry,
        spend,
        attributes == null ? null : attributes.values(),
        remoteCreatedAt);
  }
}
