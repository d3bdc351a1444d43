package dev.parley.domain.attribute;

import dev.parley.domain.ApiException;
import dev.parley.domain.ErrorCode;
import dev.parley.domain.Repositories;
import dev.parley.domain.Store;
import dev.parley.domain.workspace.Caller;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Intercom's data attribute operations: {@code lisDataAttributes} ({@code GET /data_attributes}),
 * {@code createDataAttribute} ({@code POST /data_attributes}) and {@code updateDataAttribute}
 * ({@code PUT /data_attributes/{id}}); and {@link #check}, the type check of the custom attributes
 * a contact or conversation is written with (docs/data-attributes.md).
 */
public final class DataAttributeService {
  /** The models a custom attribute can describe (the description's two, and conversations). */
  public static final Set<String> MODELS = Set.of("contact", "company", "conversation");

  /** The data types {@code POST /data_attributes} takes ({@code create_data_attribute_request}). */
  public static final Set<String> DATA_TYPES =
      Set.of("string", "integer", "float", "boolean", "date", "datetime", "options");

  /**
   * Intercom's rule for names: "alphanumeric characters, currency symbols, and hyphens"; parley
   * takes spaces and underscores too (the description's own examples, "The One Ring", have them).
   */
  private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}\\p{Sc} _-]{1,190}");

  private final Store store;
  private final Clock clock;

  public DataAttributeService(Store store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /**
   * The built-in attributes of {@code model} followed by the workspace's custom ones (by id).
   *
   * @param model {@code contact}, {@code company}, {@code conversation}, or null for all
   * @param includeArchived false to leave archived custom attributes out (Intercom's default)
   */
  public List<DataAttribute> list(Caller caller, String model, boolean includeArchived) {
    List<DataAttribute> all = new ArrayList<>(BuiltInAttributes.of(model));
    all.addAll(
        store.read(
            repos -> repos.dataAttributes().list(caller.workspaceId(), model, includeArchived)));
    return all;
  }

  /**
   * Creates a custom attribute ({@code createDataAttribute}). {@code options} data type is a list
   * attribute: a {@code string} with at least two options; {@code datetime} is stored as {@code
   * date}.
   *
   * @param dataType one of {@link #DATA_TYPES}
   * @param options the values of a list attribute, null otherwise
   * @throws ApiException 400 {@code parameter_invalid} for a model or data type outside the lists,
   *     an invalid name, a name a built-in or another custom attribute has ("You already have
   *     ..."), a list attribute with fewer than two options
   */
  public DataAttribute create(
      Caller caller,
      String name,
      String model,
      String dataType,
      String description,
      List<String> options,
      Boolean messengerWritable) {
    if (!MODELS.contains(model)) {
      throw ApiException.invalid(
          "model", "The Data Attribute model field must be either contact or company");
    }
    if (!DATA_TYPES.contains(dataType)) {
      throw ApiException.invalid("data_type", "Data Type isn't an option");
    }
    if (!NAME.matcher(name).matches() || name.isBlank()) {
      throw ApiException.invalid(
          "name",
          "Your name for this attribute must only contain alphanumeric characters, currency"
              + " symbols, and hyphens");
    }
    if (BuiltInAttributes.isBuiltIn(model, name)) {
      throw ApiException.invalid(
          "name",
          "'"
              + name
              + "' is one of our standard attributes for your "
              + noun(model)
              + " data. To save this as new "
              + noun(model)
              + " data, use a different name.");
    }
    boolean list = dataType.equals("options");
    if (list) {
      if (options == null || options.size() < 2) {
        throw ApiException.invalid(
            "options", "You must have at least two options on a list type data attribute");
      }
    } else if (options != null) {
      throw ApiException.invalid("options", "options are for list attributes only");
    }
    String stored = list ? "string" : dataType.equals("datetime") ? "date" : dataType;
    long ws = caller.workspaceId();
    long now = clock.instant().getEpochSecond();
    return store.write(
        repos -> {
          DataAttributeRepository attributes = repos.dataAttributes();
          attributes
              .findByName(ws, name)
              .ifPresent(
                  other -> {
                    throw ApiException.invalid(
                        "name",
                        "You already have '"
                            + name
                            + "' in your "
                            + noun(other.model())
                            + " data. To save this as new "
                            + noun(model)
                            + " data, use a different name.");
                  });
          DataAttribute created =
              DataAttribute.custom(
                  repos.nextId("data_attribute"),
                  model,
                  name,
                  stored,
                  description,
                  list ? List.copyOf(options) : null,
                  Boolean.TRUE.equals(messengerWritable),
                  false,
                  caller.adminId(),
                  now,
                  now);
          attributes.insert(ws, created);
          return created;
        });
  }

  /**
   * Updates a custom attribute ({@code updateDataAttribute}): the fields given change ({@code
   * archived}, {@code description}, {@code messenger_writable}, and {@code options} of a list
   * attribute), the data type never does.
   *
   * @param id the path's id as given; an id that is no integer is unknown
   * @throws ApiException 404 {@code field_not_found} "We couldn't find that data attribute to
   *     update" for an unknown id (a built-in attribute has none); 400 {@code parameter_invalid}
   *     for options on an attribute that is no list, or fewer than two
   */
  public DataAttribute update(
      Caller caller,
      String id,
      Boolean archived,
      String description,
      List<String> options,
      Boolean messengerWritable) {
    long ws = caller.workspaceId();
    long now = clock.instant().getEpochSecond();
    long key;
    try {
      key = Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw new ApiException(ErrorCode.DATA_ATTRIBUTE_NOT_FOUND);
    }
    return store.write(
        repos -> {
          DataAttribute a =
              repos
                  .dataAttributes()
                  .find(ws, key)
                  .orElseThrow(() -> new ApiException(ErrorCode.DATA_ATTRIBUTE_NOT_FOUND));
          if (options != null) {
            if (a.options() == null) {
              throw ApiException.invalid("options", "options are for list attributes only");
            }
            if (options.size() < 2) {
              throw ApiException.invalid(
                  "options", "You must have at least two options on a list type data attribute");
            }
          }
          DataAttribute changed =
              DataAttribute.custom(
                  a.id(),
                  a.model(),
                  a.name(),
                  a.dataType(),
                  description != null ? description : a.description(),
                  options != null ? List.copyOf(options) : a.options(),
                  messengerWritable != null ? messengerWritable : a.messengerWritable(),
                  archived != null ? archived : a.archived(),
                  a.adminId(),
                  a.createdAt(),
                  Math.max(now, a.updatedAt()));
          repos.dataAttributes().update(ws, changed);
          return changed;
        });
  }

  /**
   * Checks the custom attributes written to an object of {@code model} against the workspace's
   * declared (not archived) custom attributes of that model, in the writer's transaction: a value
   * of the wrong type for a declared attribute is refused, naming it. A null value (which removes
   * an attribute) and attributes no definition declares pass: parley keeps taking undeclared
   * attributes, as it always did (docs/data-attributes.md).
   *
   * @param attributes the request's {@code custom_attributes}; null or empty checks nothing
   * @throws ApiException 400 {@code parameter_invalid} naming {@code custom_attributes.<name>}
   */
  public static void check(
      Repositories repos, long workspaceId, String model, Map<String, ?> attributes) {
    if (attributes == null || attributes.isEmpty()) {
      return;
    }
    for (DataAttribute declared : repos.dataAttributes().list(workspaceId, model, false)) {
      if (!attributes.containsKey(declared.name())) {
        continue;
      }
      Object value = attributes.get(declared.name());
      if (value != null && !declared.accepts(value)) {
        throw ApiException.invalid(
            "custom_attributes." + declared.name(),
            "Custom attribute '"
                + declared.name()
                + "' must be "
                + expected(declared)
                + (value instanceof String ? "" : ", not " + kind(value)));
      }
    }
  }

  private static String expected(DataAttribute a) {
    return switch (a.dataType()) {
      case "string" ->
          a.options() == null || a.options().isEmpty()
              ? "a string"
              : "one of its options " + a.options();
      case "integer" -> "an integer";
      case "date" -> "a date (an integer of Unix seconds)";
      case "float" -> "a number";
      case "boolean" -> "a boolean";
      default -> "a " + a.dataType();
    };
  }

  private static String kind(Object value) {
    return value instanceof Boolean
        ? "a boolean"
        : value instanceof Number ? "a number" : "a value";
  }

  private static String noun(String model) {
    return switch (model) {
      case "contact" -> "people";
      default -> model;
    };
  }
}
