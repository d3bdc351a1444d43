package dev.parley.http.attributes;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.domain.ApiException;
import dev.parley.domain.attribute.DataAttribute;
import dev.parley.domain.attribute.DataAttributeService;
import dev.parley.domain.workspace.Scope;
import dev.parley.http.ApiRoute;
import dev.parley.http.Params;
import dev.parley.http.RequestContext;
import dev.parley.http.Wire;
import io.javalin.http.Context;
import java.util.List;

/**
 * Intercom's data attribute operations: {@code lisDataAttributes} ({@code GET /data_attributes}),
 * {@code createDataAttribute} ({@code POST /data_attributes}) and {@code updateDataAttribute}
 * ({@code PUT /data_attributes/{data_attribute_id}}). See docs/data-attributes.md.
 */
public record DataAttributeRoutes(DataAttributeService attributes, ObjectMapper mapper) {
  /** The most options a list attribute takes. */
  static final int MAX_OPTIONS = 1000;

  public List<ApiRoute> routes() {
    return List.of(
        ApiRoute.get("/data_attributes", "lisDataAttributes", Scope.READ, this::listDataAttributes),
        ApiRoute.post(
            "/data_attributes", "createDataAttribute", Scope.WRITE, this::createDataAttribute),
        ApiRoute.put(
            "/data_attributes/{id}",
            "updateDataAttribute",
            Scope.WRITE,
            this::updateDataAttribute));
  }

  /**
   * {@code data_attribute}: {@code id} (an integer, custom attributes only), {@code model}, {@code
   * name}, {@code full_name}, {@code label}, {@code description}, {@code data_type}, {@code
   * options} (list attributes only), the {@code *_writable} flags, {@code custom}, {@code
   * archived}, and for custom attributes {@code admin_id} (a string) and {@code created_at} /
   * {@code updated_at} (Unix seconds). What an attribute does not have is left out, as Intercom's
   * examples leave it out.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record DataAttributeJson(
      Long id,
      String type,
      String name,
      String fullName,
      String label,
      String description,
      String dataType,
      List<String> options,
      boolean apiWritable,
      boolean uiWritable,
      boolean messengerWritable,
      boolean custom,
      boolean archived,
      String adminId,
      Long createdAt,
      Long updatedAt,
      String model) {}

  /** {@code data_attribute_list}: {@code {type: "list", data: [data_attribute]}}. */
  public record DataAttributeListJson(String type, List<DataAttributeJson> data) {}

  /** One option of a list attribute: {@code {"value": "1-10"}}. */
  public record OptionRequest(@Wire.Required String value) {}

  /**
   * {@code create_data_attribute_request}: {@code name}, {@code model} and {@code data_type}
   * required; {@code options} (at least two) for {@code data_type} {@code options}.
   */
  public record CreateDataAttributeRequest(
      @Wire.Required String name,
      @Wire.Required String model,
      @Wire.Required @JsonProperty("data_type") String dataType,
      String description,
      @Wire.MaxItems(MAX_OPTIONS) List<OptionRequest> options,
      @JsonProperty("messenger_writable") Boolean messengerWritable) {}

  /** {@code update_data_attribute_request}: every field optional. */
  public record UpdateDataAttributeRequest(
      Boolean archived,
      String description,
      @Wire.MaxItems(MAX_OPTIONS) List<OptionRequest> options,
      @JsonProperty("messenger_writable") Boolean messengerWritable) {}

  /**
   * {@code GET /data_attributes}: {@code model} ({@code contact}, {@code company} or {@code
   * conversation}; all when absent) and {@code include_archived} (default false); answers {@code
   * data_attribute_list}, built-in attributes first. Another model: 400 {@code parameter_invalid}.
   */
  void listDataAttributes(Context ctx) {
    String model = ctx.queryParam("model");
    if (model != null && !DataAttributeService.MODELS.contains(model)) {
      throw ApiException.invalid("model", "model must be contact, company or conversation");
    }
    boolean archived = Params.boolParam(ctx, "include_archived", false);
    ctx.json(
        new DataAttributeListJson(
            "list",
            attributes.list(RequestContext.caller(ctx), model, archived).stream()
                .map(DataAttributeRoutes::render)
                .toList()));
  }

  /** {@code POST /data_attributes}: {@link CreateDataAttributeRequest}; the new attribute. */
  void createDataAttribute(Context ctx) {
    CreateDataAttributeRequest body = Wire.body(ctx, mapper, CreateDataAttributeRequest.class);
    ctx.json(
        render(
            attributes.create(
                RequestContext.caller(ctx),
                body.name(),
                body.model(),
                body.dataType(),
                body.description(),
                values(body.options()),
                body.messengerWritable())));
  }

  /**
   * {@code PUT /data_attributes/{id}}: {@link UpdateDataAttributeRequest}; the attribute. 404
   * {@code field_not_found} for an unknown id.
   */
  void updateDataAttribute(Context ctx) {
    UpdateDataAttributeRequest body = Wire.body(ctx, mapper, UpdateDataAttributeRequest.class);
    ctx.json(
        render(
            attributes.update(
                RequestContext.caller(ctx),
                ctx.pathParam("id"),
                body.archived(),
                body.description(),
                values(body.options()),
                body.messengerWritable())));
  }

  private static List<String> values(List<OptionRequest> options) {
    return options == null ? null : options.stream().map(OptionRequest::value).toList();
  }

  /** An attribute as {@code data_attribute}. */
  static DataAttributeJson render(DataAttribute a) {
    return new DataAttributeJson(
        a.id(),
        "data_attribute",
        a.name(),
        a.fullName(),
        a.label(),
        a.description(),
        a.dataType(),
        a.options(),
        a.apiWritable(),
        a.uiWritable(),
        a.messengerWritable(),
        a.custom(),
        a.archived(),
        a.adminId() == null ? null : Long.toString(a.adminId()),
        a.createdAt(),
        a.updatedAt(),
        a.model());
  }
}
