package dev.parley.http.reporting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.domain.ApiException;
import dev.parley.domain.ErrorCode;
import dev.parley.domain.reporting.Dataset;
import dev.parley.domain.reporting.ExportFiles;
import dev.parley.domain.reporting.ExportJob;
import dev.parley.domain.reporting.ReportingService;
import dev.parley.domain.workspace.Scope;
import dev.parley.http.ApiRoute;
import dev.parley.http.Params;
import dev.parley.http.RequestContext;
import dev.parley.http.Wire;
import dev.parley.http.reporting.ReportingWire.AttributeJson;
import dev.parley.http.reporting.ReportingWire.DatasetJson;
import dev.parley.http.reporting.ReportingWire.DatasetListJson;
import dev.parley.http.reporting.ReportingWire.EnqueueRequest;
import dev.parley.http.reporting.ReportingWire.JobJson;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Intercom's Reporting Data Export (2.14 "Reporting Data Export"). The description gives these
 * operations no operationId; the handlers carry the method names of Intercom's official Node SDK.
 * Every operation needs the {@code read} scope (they export data and change none).
 */
public final class ReportingRoutes {
  /** More attribute ids than this in one request answer 400. */
  static final int MAX_ATTRIBUTE_IDS = 200;

  private static final String OCTET_STREAM = "application/octet-stream";

  private final ReportingService reporting;
  private final ObjectMapper mapper;
  private final String publicUrl;

  /**
   * @param publicUrl the base URL of download links, or null to take it from each request
   */
  public ReportingRoutes(ReportingService reporting, ObjectMapper mapper, String publicUrl) {
    this.reporting = reporting;
    this.mapper = mapper;
    this.publicUrl = publicUrl;
  }

  /** The routes; the literal {@code get_datasets} before {@code {job_identifier}}. */
  public List<ApiRoute> routes() {
    return List.of(
        ApiRoute.post(
            "/export/reporting_data/enqueue",
            "enqueueANewReportingDataExportJob",
            Scope.READ,
            this::enqueueANewReportingDataExportJob),
        ApiRoute.get(
            "/export/reporting_data/get_datasets",
            "listAvailableDatasetsAndAttributes",
            Scope.READ,
            this::listAvailableDatasetsAndAttributes),
        ApiRoute.get(
            "/export/reporting_data/{job_identifier}",
            "exportReportingData",
            Scope.READ,
            this::exportReportingData),
        ApiRoute.get(
            "/download/reporting_data/{job_identifier}",
            "downloadReportingDataExport",
            Scope.READ,
            this::downloadReportingDataExport));
  }

  /**
   * {@code POST /export/reporting_data/enqueue}: {@code {dataset_id, attribute_ids, start_time,
   * end_time}}, all required; every validation failure is 400 {@code bad_request} with the
   * description's messages. Answers the pending job, with {@code X-RateLimit-Limit} (5) and {@code
   * X-RateLimit-Remaining} (jobs the workspace may still enqueue) in place of the workspace's
   * 10-second window's headers, and without {@code X-RateLimit-Reset}: the job limit is no time
   * window. The request still counts in that window.
   */
  void enqueueANewReportingDataExportJob(Context ctx) {
    EnqueueRequest body;
    try {
      body = Wire.body(ctx, mapper, EnqueueRequest.class);
    } catch (ApiException e) {
      if (e.errorCode() == ErrorCode.PARAMETER_INVALID) {
        throw new ApiException(ErrorCode.BAD_REQUEST, e.getMessage(), e.field());
      }
      throw e;
    }
    JsonNode dataset = body.datasetId();
    if (dataset == null || dataset.isNull()) {
      throw required("dataset_id");
    }
    if (!dataset.isTextual()) {
      throw new ApiException(ErrorCode.BAD_REQUEST, "'dataset_id' must be a string", "dataset_id");
    }
    List<String> attributeIds = attributeIds(body.attributeIds());
    long startTime = unixSeconds(body.startTime(), "start_time");
    long endTime = unixSeconds(body.endTime(), "end_time");
    ctx.header("X-RateLimit-Limit", Integer.toString(ReportingService.MAX_UNFINISHED_JOBS));
    ctx.res().setHeader("X-RateLimit-Reset", null);
    ReportingService.Enqueued enqueued;
    try {
      enqueued =
          reporting.enqueue(
              RequestContext.caller(ctx), dataset.textValue(), attributeIds, startTime, endTime);
    } catch (ApiException e) {
      if (e.errorCode() == ErrorCode.RATE_LIMIT_EXCEEDED) {
        ctx.header("X-RateLimit-Remaining", "0");
      }
      throw e;
    }
    ctx.header("X-RateLimit-Remaining", Integer.toString(enqueued.remaining()));
    ctx.json(job(ctx, enqueued.job()));
  }

  /** {@code GET /export/reporting_data/get_datasets}: every dataset with its attributes. */
  void listAvailableDatasetsAndAttributes(Context ctx) {
    List<DatasetJson> data = new ArrayList<>();
    for (Dataset d : reporting.datasets()) {
      data.add(
          new DatasetJson(
              d.id(),
              d.name(),
              d.description(),
              d.defaultTimeAttributeId(),
              d.attributes().stream().map(a -> new AttributeJson(a.id(), a.name())).toList()));
    }
    ctx.json(new DatasetListJson("list", data));
  }

  /**
   * {@code GET /export/reporting_data/{job_identifier}}: the job's status. The description's query
   * parameters ({@code app_id}, {@code client_id}, {@code job_identifier}) are accepted and not
   * needed: the token names the workspace, the path the job.
   */
  void exportReportingData(Context ctx) {
    ExportJob job = reporting.status(RequestContext.caller(ctx), ctx.pathParam("job_identifier"));
    ctx.json(job(ctx, job));
  }

  /**
   * {@code GET /download/reporting_data/{job_identifier}}: the gzip CSV of a complete job, as
   * {@code application/octet-stream}, byte for byte whatever {@code Accept-Encoding} says (no
   * {@code Content-Encoding}). The request must accept that type (406 otherwise); a job that is
   * unknown, not complete or expired answers 404.
   */
  void downloadReportingDataExport(Context ctx) {
    if (!acceptsOctetStream(ctx.header("Accept"))) {
      throw new ApiException(
          ErrorCode.NOT_ACCEPTABLE,
          "This endpoint answers application/octet-stream: send Accept: application/octet-stream",
          "Accept");
    }
    String jobId = ctx.pathParam("job_identifier");
    ExportFiles.Published file = reporting.download(RequestContext.caller(ctx), jobId);
    ctx.header("Content-Disposition", "attachment; filename=\"" + jobId + ".csv.gz\"");
    ctx.header("Content-Length", Long.toString(file.size()));
    ctx.header("Cache-Control", "private, no-store");
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.contentType(OCTET_STREAM);
    // Binary: no charset parameter (Jetty would append the default one).
    ctx.res().setCharacterEncoding(null);
    // The file is gzip already and its Content-Length is sent: never compressed again,
    // whatever Accept-Encoding asks (a second gzip made clients read a truncated body).
    ctx.disableCompression();
    ctx.result(file.stream());
  }

  private JobJson job(Context ctx, ExportJob job) {
    boolean complete = job.status() == ExportJob.Status.COMPLETE;
    return new JobJson(
        job.id(),
        job.status().wireName(),
        complete ? Params.baseUrl(ctx, publicUrl) + "/download/reporting_data/" + job.id() : "",
        complete ? Long.toString(job.expiresAt()) : "");
  }

  /** Whether an Accept header lists {@code application/octet-stream} (with a q above 0). */
  static boolean acceptsOctetStream(String accept) {
    if (accept == null) {
      return false;
    }
    for (String range : accept.split(",")) {
      String[] parts = range.split(";");
      if (parts.length == 0 || !parts[0].trim().toLowerCase(Locale.ROOT).equals(OCTET_STREAM)) {
        continue;
      }
      boolean refused = false;
      for (int i = 1; i < parts.length; i++) {
        String param = parts[i].trim().toLowerCase(Locale.ROOT);
        if (param.startsWith("q=")) {
          try {
            refused = Double.parseDouble(param.substring(2)) <= 0;
          } catch (NumberFormatException e) {
            refused = true;
          }
        }
      }
      if (!refused) {
        return true;
      }
    }
    return false;
  }

  private static List<String> attributeIds(JsonNode value) {
    if (value == null || value.isNull()) {
      throw required("attribute_ids");
    }
    if (!value.isArray()) {
      throw new ApiException(
          ErrorCode.BAD_REQUEST,
          "'attribute_ids' not an array must be of type Array",
          "attribute_ids");
    }
    if (value.isEmpty()) {
      throw new ApiException(
          ErrorCode.BAD_REQUEST,
          "attribute_ids must contain at least one attribute_id",
          "attribute_ids");
    }
    if (value.size() > MAX_ATTRIBUTE_IDS) {
      throw new ApiException(
          ErrorCode.BAD_REQUEST,
          "attribute_ids must contain at most " + MAX_ATTRIBUTE_IDS + " attribute_ids",
          "attribute_ids");
    }
    List<String> ids = new ArrayList<>();
    for (JsonNode item : value) {
      // A non-string item is an unknown attribute id; the service names it in its message.
      ids.add(item.isTextual() ? item.textValue() : item.toString());
    }
    return ids;
  }

  private static long unixSeconds(JsonNode value, String field) {
    if (value == null || value.isNull()) {
      throw required(field);
    }
    if (value.isIntegralNumber() && value.canConvertToLong()) {
      return value.longValue();
    }
    if (value.isTextual()) {
      try {
        return Params.parseLong(value.textValue().trim());
      } catch (NumberFormatException e) {
        // fall through to the error
      }
    }
    throw new ApiException(
        ErrorCode.BAD_REQUEST, "'" + field + "' must be an integer (Unix seconds)", field);
  }

  private static ApiException required(String field) {
    return new ApiException(
        ErrorCode.BAD_REQUEST, "'" + field + "' is a required parameter", field);
  }
}
