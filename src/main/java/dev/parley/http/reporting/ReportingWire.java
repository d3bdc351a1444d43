package dev.parley.http.reporting;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.http.Wire;
import java.util.List;

/** The JSON shapes of the Reporting Data Export operations, as the 2.14 description has them. */
final class ReportingWire {
  private ReportingWire() {}

  /**
   * The body of {@code enqueueANewReportingDataExportJob}, each field as sent: the handler checks
   * them with the description's {@code bad_request} messages, not {@link Wire}'s.
   */
  record EnqueueRequest(
      @JsonProperty("dataset_id") JsonNode datasetId,
      @JsonProperty("attribute_ids") JsonNode attributeIds,
      @JsonProperty("start_time") JsonNode startTime,
      @JsonProperty("end_time") JsonNode endTime) {}

  /** {@code get_datasets}: {@code {"type":"list","data":[dataset]}}. */
  record DatasetListJson(String type, List<DatasetJson> data) {}

  record DatasetJson(
      String id,
      String name,
      String description,
      String defaultTimeAttributeId,
      List<AttributeJson> attributes) {}

  record AttributeJson(String id, String name) {}

  /**
   * A job as enqueue and the status operation answer it: four strings.
   *
   * @param status {@code pending}, {@code in_progress}, {@code complete} or {@code failed}
   * @param downloadUrl the download URL once complete, else {@code ""}
   * @param downloadExpiresAt Unix seconds (as a string) when the file is deleted, once complete;
   *     else {@code ""}
   */
  record JobJson(
      String jobIdentifier, String status, String downloadUrl, String downloadExpiresAt) {}
}
