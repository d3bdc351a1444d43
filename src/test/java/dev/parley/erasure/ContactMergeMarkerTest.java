package dev.parley.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.Api;
import dev.parley.testing.ParleyProcess;
import dev.parley.testing.Scenario;
import dev.parley.testing.TestDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The erasure proof of DeleteContactTest, for the lead of a merge ({@code POST /contacts/merge}):
 * markers in the lead's own fields (name, email, phone, external id, custom attribute) and in the
 * metadata of an event that does not move (the user has one of the same name and time); after the
 * merge and a clean stop no file under the data dir, and no line of the log, holds any of them (on
 * PostgreSQL: no row of any table), while what moved to the user (a note) and the user's own data
 * are still there.
 */
class ContactMergeMarkerTest {
  @TempDir Path root;

  @Test
  void noMarkerOfAMergedLeadsOwnDataSurvivesWhileWhatMovedStays() throws Exception {
    ParleyProcess server = ParleyProcess.in(root).start();
    try {
      Api a = server.api();
      Scenario sc = new Scenario(a);
      List<String> markers = new ArrayList<>();
      Map<String, Object> lead = ContactMarkers.markedContact(markers, "lead");
      String leadId = sc.contact(lead);
      String userMarker = ContactMarkers.kept("user");
      String userId =
          sc.contact(
              Map.of(
                  "role",
                  "user",
                  "email",
                  "u-" + UUID.randomUUID() + "@example.com",
                  "name",
                  userMarker));
      String movedNote = ContactMarkers.kept("moved");
      assertThat(a.post("/contacts/" + leadId + "/notes", Map.of("body", movedNote)).status())
          .isEqualTo(200);
      for (String[] e :
          new String[][] {
            {userId, "kept-metadata"}, {leadId, ContactMarkers.marker(markers, "eventmeta")}
          }) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", e[0]);
        event.put("event_name", "same-event");
        event.put("created_at", 1_700_000_000L);
        event.put("metadata", Map.of("text", e[1]));
        assertThat(a.post("/events", event).status()).isEqualTo(202);
      }
      assertThat(a.post("/contacts/merge", Map.of("from", leadId, "into", userId)).status())
          .isEqualTo(200);
      assertThat(a.get("/contacts/" + leadId).status()).isEqualTo(404);
      try (TestDatabase db = TestDatabase.of(server)) {
        for (String table :
            List.of(
                "contacts",
                "contact_notes",
                "contact_tags",
                "contact_events",
                "contact_event_summaries",
                "contact_companies",
                "conversation_contacts")) {
          String column = table.equals("contacts") ? "id" : "contact_id";
          assertThat(
                  db.number("SELECT COUNT(*) FROM " + table + " WHERE " + column + " = ?", leadId))
              .as("%s rows of the lead", table)
              .isZero();
        }
        assertThat(db.number("SELECT COUNT(*) FROM contact_events WHERE contact_id = ?", userId))
            .isEqualTo(1);
      }
      server.stop();
      ContactMarkers.assertErasedAndKept(server, root, markers, List.of(userMarker, movedNote));
    } finally {
      server.stop();
    }
  }
}
