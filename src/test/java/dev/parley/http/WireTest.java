package dev.parley.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.app.Parley;
import dev.parley.domain.ApiException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Wire's binding of checked bodies to request records, without a server. */
class WireTest {
  private final ObjectMapper mapper = Parley.objectMapper();

  record Item(@Wire.Required String data, String name) {}

  record Update(
      Wire.Given<String> title,
      @JsonProperty("owner_id") Wire.Given<Wire.Int> ownerId,
      @Wire.NotNull String email,
      @Wire.MaxItems(2) List<Item> items,
      @Wire.MaxItems(2) List<String> urls,
      @JsonProperty("admin_id") Wire.NumericId adminId,
      @JsonProperty("created_at") Wire.Timestamp createdAt,
      Wire.Uuid uuid) {}

  @JsonTypeInfo(
      use = JsonTypeInfo.Id.NAME,
      include = JsonTypeInfo.As.EXISTING_PROPERTY,
      property = "type")
  @JsonSubTypes({
    @JsonSubTypes.Type(value = Admin.class, name = "admin"),
    @JsonSubTypes.Type(
        value = Contact.class,
        names = {"user", "lead"})
  })
  sealed interface Kind permits Admin, Contact {}

  record Admin(@Wire.Required @JsonProperty("admin_id") Wire.NumericId adminId) implements Kind {}

  record Contact(@Wire.Required String email) implements Kind {}

  private ObjectNode json(String text) throws Exception {
    return (ObjectNode) mapper.readTree(text);
  }

  private <T> T bind(String text, Class<T> type) throws Exception {
    return Wire.bind(json(text), mapper, type);
  }

  private String fault(String text, Class<?> type) {
    try {
      bind(text, type);
    } catch (ApiException e) {
      return e.errorCode().name() + " " + e.field() + ": " + e.getMessage();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("no fault for " + text);
  }

  @Test
  void givenTellsAbsentFromNullFromAValue() throws Exception {
    Update absent = bind("{}", Update.class);
    assertThat(absent.title()).isNull();
    assertThat(absent.ownerId()).isNull();
    Update cleared = bind("{\"title\":null,\"owner_id\":null}", Update.class);
    assertThat(cleared.title()).isEqualTo(new Wire.Given<String>(null));
    assertThat(cleared.ownerId()).isEqualTo(new Wire.Given<Wire.Int>(null));
    Update set = bind("{\"title\":\"t\",\"owner_id\":\"7\"}", Update.class);
    assertThat(set.title().value()).isEqualTo("t");
    assertThat(set.ownerId().value().value()).isEqualTo(7);
    assertThat(fault("{\"owner_id\":true}", Update.class))
        .isEqualTo("PARAMETER_INVALID owner_id: owner_id must be an integer");
  }

  @Test
  void nestedObjectsAndListsAreCheckedAndNamedByPath() throws Exception {
    Update update =
        bind("{\"items\":[{\"data\":\"d\",\"name\":\"n\"}],\"urls\":[\"a\"]}", Update.class);
    assertThat(update.items()).containsExactly(new Item("d", "n"));
    assertThat(update.urls()).containsExactly("a");
    assertThat(fault("{\"items\":[{\"data\":\"d\"},{\"name\":\"n\"}]}", Update.class))
        .isEqualTo(
            "PARAMETER_NOT_FOUND items[1].data: "
                + ApiException.missing("items[1].data").getMessage());
    assertThat(fault("{\"items\":[{\"data\":1}]}", Update.class))
        .isEqualTo("PARAMETER_INVALID items[0].data: items[0].data must be a string");
    assertThat(fault("{\"items\":{}}", Update.class))
        .isEqualTo("PARAMETER_INVALID items: items must be an array");
    assertThat(fault("{\"items\":[1]}", Update.class))
        .isEqualTo("PARAMETER_INVALID items: items items must be objects");
    assertThat(fault("{\"urls\":[\"a\",\"b\",\"c\"]}", Update.class))
        .isEqualTo("PARAMETER_INVALID urls: urls can hold at most 2 items");
    assertThat(fault("{\"urls\":[null]}", Update.class))
        .isEqualTo("PARAMETER_INVALID urls: urls items must be strings");
  }

  @Test
  void valueTypesSayWhatTheyTake() {
    assertThat(fault("{\"email\":null}", Update.class))
        .isEqualTo("PARAMETER_INVALID email: email cannot be null");
    assertThat(fault("{\"admin_id\":\"x\"}", Update.class))
        .isEqualTo("PARAMETER_INVALID admin_id: admin_id must be an integer id");
    assertThat(fault("{\"admin_id\":1.5}", Update.class))
        .isEqualTo("PARAMETER_INVALID admin_id: admin_id must be a string or a 64-bit integer");
    assertThat(fault("{\"created_at\":-1}", Update.class))
        .isEqualTo(
            "PARAMETER_INVALID created_at: created_at must be Unix seconds between 0 and "
                + Wire.Timestamp.MAX);
    assertThat(fault("{\"uuid\":\"x\"}", Update.class))
        .isEqualTo("PARAMETER_INVALID uuid: uuid must be a UUID");
  }

  @Test
  void aTypePropertyPicksTheRecord() throws Exception {
    assertThat(bind("{\"type\":\"admin\",\"admin_id\":\"5\"}", Kind.class))
        .isEqualTo(new Admin(new Wire.NumericId(5)));
    assertThat(bind("{\"type\":\"lead\",\"email\":\"a@b\"}", Kind.class))
        .isEqualTo(new Contact("a@b"));
    assertThat(fault("{\"type\":\"bot\"}", Kind.class))
        .isEqualTo("PARAMETER_INVALID type: type must be one of admin, user, lead");
    assertThat(fault("{}", Kind.class)).startsWith("PARAMETER_NOT_FOUND type");
    assertThat(fault("{\"type\":\"user\"}", Kind.class)).startsWith("PARAMETER_NOT_FOUND email");
  }
}
