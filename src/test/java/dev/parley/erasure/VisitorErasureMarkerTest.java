package dev.parley.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.Api;
import dev.parley.testing.ApiResponse;
import dev.parley.testing.ByteSearch;
import dev.parley.testing.Cli;
import dev.parley.testing.ParleyProcess;
import dev.parley.testing.Scenario;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The erasure proof for visitors: markers in every field a visitor holds (user id, name, email,
 * custom attribute), for a visitor merged into an existing user by {@code POST /visitors/convert}
 * and for one converted into a lead and then deleted ({@code DELETE /contacts/{id}}); after a clean
 * stop no file under the data dir, and no line of the log, holds any of them (on PostgreSQL: no row
 * of any table), while the user it merged into is still there. A workspace deletion's proof over a
 * visitor is WorkspaceErasureMarkerTest's.
 */
class VisitorErasureMarkerTest {
  @TempDir Path root;

  @Test
  void noMarkerOfAMergedOrAConvertedAndDeletedVisitorSurvives() throws Exception {
    ParleyProcess server = ParleyProcess.in(root).start();
    try {
      Api a = server.api();
      Scenario sc = new Scenario(a);
      List<String> markers = new ArrayList<>();
      String userMarker = "MKuser" + UUID.randomUUID().toString().replace("-", "");
      String external = "u-" + UUID.randomUUID();
      String user = sc.contact(Map.of("role", "user", "external_id", external, "name", userMarker));

      String merged = visitor(server, a, markers);
      Map<String, Object> merge = new LinkedHashMap<>();
      merge.put("type", "user");
      merge.put("user", Map.of("user_id", external));
      merge.put("visitor", Map.of("id", merged));
      ApiResponse into = a.post("/visitors/convert", merge);
      assertThat(into.status()).as(into.toString()).isEqualTo(200);
      assertThat(into.json().path("id").asText()).isEqualTo(user);

      String lead = visitor(server, a, markers);
      Map<String, Object> convert = new LinkedHashMap<>();
      convert.put("type", "lead");
      convert.put("user", Map.of("user_id", marker(markers, "leaduserid")));
      convert.put("visitor", Map.of("id", lead));
      ApiResponse converted = a.post("/visitors/convert", convert);
      assertThat(converted.status()).as(converted.toString()).isEqualTo(200);
      assertThat(converted.json().path("role").asText()).isEqualTo("lead");
      assertThat(a.delete("/contacts/" + lead).status()).isEqualTo(200);
      server.stop();

      List<String> forms = ErasureMarkerTest.withLowerCase(markers);
      if (server.databaseUrl() == null) {
        assertThat(ByteSearch.findAll(server.dataDir(), forms))
            .as("markers under the data dir")
            .isEmpty();
        assertThat(ByteSearch.findAll(server.dataDir(), List.of(userMarker)))
            .as("the user is found")
            .isNotEmpty();
      } else {
        assertThat(ErasureMarkerTest.markersInDatabase(server, forms)).isEmpty();
      }
      assertThat(ByteSearch.findAll(root, forms))
          .as("markers in any file of the run, the log included")
          .isEmpty();
    } finally {
      server.stop();
    }
  }

  /** Seeds a visitor with markers in its user id, name and email, then in a custom attribute. */
  private static String visitor(ParleyProcess server, Api a, List<String> markers) {
    String userId = marker(markers, "userid");
    Cli.Result created =
        server.cli(
            "visitor",
            "create",
            "--workspace",
            "default",
            "--user-id",
            userId,
            "--name",
            marker(markers, "name"),
            "--email",
            marker(markers, "email") + "@example.com");
    assertThat(created.exitCode()).as(created.output()).isZero();
    Map<String, Object> update = new LinkedHashMap<>();
    update.put("user_id", userId);
    update.put("custom_attributes", Map.of("note", marker(markers, "attr")));
    ApiResponse updated = a.put("/visitors", update);
    assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
    return updated.json().path("id").asText();
  }

  private static String marker(List<String> markers, String field) {
    String marker = "mk" + field + UUID.randomUUID().toString().replace("-", "");
    markers.add(marker);
    return marker;
  }
}
