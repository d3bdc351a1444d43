package dev.parley.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ByteSearch;
import dev.parley.testing.ParleyProcess;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The marker set-up and proof the contact erasure tests share ({@link DeleteContactTest}, {@link
 * ContactMergeMarkerTest}): a contact with a unique marker in every field of its own, and, after a
 * clean stop, the proof that no marker of what was erased survives while what was kept does.
 */
final class ContactMarkers {
  private ContactMarkers() {}

  /** A unique marker for {@code field}, added to {@code markers}. */
  static String marker(List<String> markers, String field) {
    String marker = "mk" + field + UUID.randomUUID().toString().replace("-", "");
    markers.add(marker);
    return marker;
  }

  /** A unique marker of something that must survive ({@code MK<what><uuid>}). */
  static String kept(String what) {
    return "MK" + what + UUID.randomUUID().toString().replace("-", "");
  }

  /**
   * A {@code POST /contacts} body of {@code role} with a marker in its name, email, phone, external
   * id and a custom attribute ({@code note}), each added to {@code markers}.
   */
  static Map<String, Object> markedContact(List<String> markers, String role) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("role", role);
    body.put("email", marker(markers, "email") + "@example.com");
    body.put("name", marker(markers, "name"));
    body.put("external_id", marker(markers, "external"));
    body.put("phone", marker(markers, "phone"));
    body.put("custom_attributes", Map.of("note", marker(markers, "attr")));
    return body;
  }

  /**
   * The proof after a clean stop of {@code server}: no marker of {@code erased} in any file under
   * its data dir (on PostgreSQL also in no row of any table) nor in any file under {@code run} (the
   * log included), while every marker of {@code kept} is still found in the store.
   */
  static void assertErasedAndKept(
      ParleyProcess server, Path run, List<String> erased, List<String> kept) {
    assertThat(ByteSearch.findAll(server.dataDir(), erased))
        .as("markers under the data dir")
        .isEmpty();
    if (server.databaseUrl() == null) {
      List<String> found = ByteSearch.findAll(server.dataDir(), kept);
      for (String marker : kept) {
        assertThat(found)
            .as("the kept marker %s is found", marker)
            .anyMatch(line -> line.endsWith(": " + marker));
      }
    } else {
      assertThat(ErasureMarkerTest.markersInDatabase(server, erased))
          .as("markers in any row of any table")
          .isEmpty();
      assertThat(ErasureMarkerTest.markersInDatabase(server, kept))
          .as("the kept markers are found")
          .containsExactlyInAnyOrderElementsOf(kept);
    }
    assertThat(ByteSearch.findAll(run, erased))
        .as("markers in any file of the run, the log included")
        .isEmpty();
  }
}
