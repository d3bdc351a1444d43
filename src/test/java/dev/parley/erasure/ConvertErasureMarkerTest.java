package dev.parley.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.ParleyProcess;
import dev.parley.testing.Scenario;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Converting a conversation to a ticket ({@code POST /conversations/{id}/convert}, issue 16) leaves
 * no second copy of its content: a conversation marked in every field and upload ({@link
 * ErasureMarkerTest#writeMarkedConversation}) is converted in place (same id, same parts, its
 * conversation still served at {@code /conversations/{id}}), a marker goes into a ticket attribute,
 * and after {@code DELETE /tickets/{id}} and a clean stop no marker is found under the data dir or
 * in the log (SQLite), nor in any table (PostgreSQL); a kept converted conversation's markers still
 * are.
 */
class ConvertErasureMarkerTest {
  @TempDir Path root;

  @Test
  void erasingAConvertedTicketLeavesNoMarkerOfItsConversationAnywhere() throws Exception {
    ParleyProcess parley = ParleyProcess.in(root).start();
    Api api = parley.api();
    Scenario s = new Scenario(api);
    String contact = s.contact("convert-marker-contact@example.com");
    ApiResponse type =
        api.post("/ticket_types", Map.of("name", "Convert marker type", "category", "Customer"));
    assertThat(type.status()).as(type.toString()).isEqualTo(200);
    String typeId = type.json().get("id").asText();
    ApiResponse detail =
        api.post(
            "/ticket_types/" + typeId + "/attributes",
            Map.of("name", "Detail", "description", "d", "data_type", "string"));
    assertThat(detail.status()).as(detail.toString()).isEqualTo(200);

    ErasureMarkerTest.Marked erased = ErasureMarkerTest.writeMarkedConversation(s, contact);
    ErasureMarkerTest.Marked kept = ErasureMarkerTest.writeMarkedConversation(s, contact);
    for (ErasureMarkerTest.Marked m : List.of(erased, kept)) {
      JsonNode before = api.get("/conversations/" + m.id).json();
      ApiResponse converted =
          api.post(
              "/conversations/" + m.id + "/convert",
              Map.of(
                  "ticket_type_id",
                  typeId,
                  "attributes",
                  Map.of(
                      "_default_title_", m.marker("tickettitle"), "Detail", m.marker("detail"))));
      assertThat(converted.status()).as(converted.toString()).isEqualTo(200);
      JsonNode ticket = converted.json();
      assertThat(ticket.get("id").asText()).as("converted in place").isEqualTo(m.id);
      assertThat(ticket.at("/ticket_type/id").asText()).isEqualTo(typeId);
      assertThat(ticket.at("/ticket_state/category").asText()).isEqualTo("submitted");
      assertThat(ticket.get("is_shared").asBoolean()).isTrue();
      assertThat(ticket.at("/ticket_parts/ticket_parts").findValuesAsText("id"))
          .as("the conversation's parts are the ticket's")
          .isEqualTo(before.at("/conversation_parts/conversation_parts").findValuesAsText("id"));
      JsonNode after = api.get("/conversations/" + m.id).json();
      assertThat(after.get("conversation_parts")).isEqualTo(before.get("conversation_parts"));
      assertThat(after.get("source")).isEqualTo(before.get("source"));
    }
    ApiResponse again =
        api.post("/conversations/" + kept.id + "/convert", Map.of("ticket_type_id", typeId));
    assertThat(again.status()).as(again.toString()).isEqualTo(400);
    assertThat(again.json().at("/errors/0/field").asText()).isEqualTo("conversation_id");

    TicketErasureMarkerTest.assertDeletedAndErased(
        parley, root, erased, kept, "the erased converted ticket");
  }
}
