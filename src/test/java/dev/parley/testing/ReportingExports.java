package dev.parley.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Drives Intercom's Reporting Data Export against a running parley: enqueue, poll the status,
 * download with {@code Accept: application/octet-stream}, and read the gzip CSV with a parser of
 * its own (RFC 4180), independent of the one parley writes with.
 */
public final class ReportingExports {
  private ReportingExports() {}

  /** Every attribute id of the conversation dataset, in {@code get_datasets} order. */
  public static List<String> allAttributes(Api api) {
    ApiResponse datasets = api.get("/export/reporting_data/get_datasets");
    assertThat(datasets.status()).as(datasets.toString()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    datasets
        .json()
        .path("data")
        .path(0)
        .path("attributes")
        .forEach(a -> ids.add(a.path("id").asText()));
    return ids;
  }

  /** The enqueue body of a conversation dataset export. */
  public static Map<String, Object> body(List<String> attributes, long start, long end) {
    return body("conversation", attributes, start, end);
  }

  /** The enqueue body of an export of {@code dataset} ({@code conversation}, {@code ticket}). */
  public static Map<String, Object> body(
      String dataset, List<String> attributes, long start, long end) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("dataset_id", dataset);
    body.put("attribute_ids", attributes);
    body.put("start_time", start);
    body.put("end_time", end);
    return body;
  }

  /** Enqueues an export and returns its job identifier (asserting a 200 pending answer). */
  public static String enqueue(Api api, List<String> attributes, long start, long end) {
    return enqueue(api, "conversation", attributes, start, end);
  }

  /** Enqueues an export of {@code dataset}; its job identifier (asserting a 200 pending answer). */
  public static String enqueue(
      Api api, String dataset, List<String> attributes, long start, long end) {
    ApiResponse enqueued =
        api.post("/export/reporting_data/enqueue", body(dataset, attributes, start, end));
    assertThat(enqueued.status()).as(enqueued.toString()).isEqualTo(200);
    assertThat(enqueued.json().path("status").asText()).isEqualTo("pending");
    return enqueued.json().path("job_identifier").asText();
  }

  /**
   * Polls the job's status until it is {@code status}; fails on another final status or after
   * {@code timeout}.
   */
  public static JsonNode await(Api api, String job, String status, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    JsonNode last = null;
    while (Instant.now().isBefore(deadline)) {
      ApiResponse response = api.get("/export/reporting_data/" + job);
      assertThat(response.status()).as(response.toString()).isEqualTo(200);
      last = response.json();
      String now = last.path("status").asText();
      if (now.equals(status)) {
        return last;
      }
      if (!status.equals("failed") && now.equals("failed")) {
        throw new AssertionError("export job " + job + " failed");
      }
      sleep(20);
    }
    throw new AssertionError(
        "export job " + job + " not " + status + " within " + timeout + "; last " + last);
  }

  /** Waits for completion and downloads the file: the gzip bytes. */
  public static byte[] completeAndDownload(Api api, String job) {
    await(api, job, "complete", Duration.ofSeconds(120));
    return download(api, job);
  }

  /** Downloads a complete job's file (asserting 200 and the octet-stream type). */
  public static byte[] download(Api api, String job) {
    ApiResponse file =
        api.withHeader("Accept", "application/octet-stream").get("/download/reporting_data/" + job);
    assertThat(file.status()).as(file.toString()).isEqualTo(200);
    assertThat(file.header("Content-Type")).startsWith("application/octet-stream");
    return file.bytes();
  }

  /** The gunzipped text of an export file. */
  public static String gunzip(byte[] gzip) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A parsed export: the header and each row as a map from header to value. */
  public record Csv(List<String> header, List<Map<String, String>> rows) {
    /** The row of one conversation id, or null. */
    public Map<String, String> row(String conversationId) {
      return rows.stream()
          .filter(r -> conversationId.equals(r.get("conversation_id")))
          .findFirst()
          .orElse(null);
    }

    /** The conversation ids, in file order. */
    public List<String> ids() {
      return rows.stream().map(r -> r.get("conversation_id")).toList();
    }
  }

  /** Parses a gzip CSV export; rows must end in CRLF and have as many fields as the header. */
  public static Csv csv(byte[] gzip) {
    List<List<String>> records = parse(gunzip(gzip));
    assertThat(records).as("an export has a header row").isNotEmpty();
    List<String> header = records.get(0);
    List<Map<String, String>> rows = new ArrayList<>();
    for (List<String> record : records.subList(1, records.size())) {
      assertThat(record).as("fields of a row").hasSize(header.size());
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < header.size(); i++) {
        // Duplicate columns keep the first value; they are checked through the raw text.
        row.putIfAbsent(header.get(i), record.get(i));
      }
      rows.add(row);
    }
    return new Csv(header, rows);
  }

  /** RFC 4180 records of a whole text. */
  static List<List<String>> parse(String text) {
    List<List<String>> records = new ArrayList<>();
    records(new StringReader(text), records::add);
    return records;
  }

  /**
   * Reads RFC 4180 records one at a time (CRLF line ends, quoted fields with doubled quotes), so
   * that exports of any size are checked in bounded memory. Fails on a bare LF, a CR without LF, an
   * unterminated quote, or a last row without CRLF.
   */
  public static void records(Reader reader, Consumer<List<String>> each) {
    try (Reader in =
        reader instanceof BufferedReader ? reader : new BufferedReader(reader, 1 << 16)) {
      List<String> record = new ArrayList<>();
      StringBuilder field = new StringBuilder();
      boolean quotedField = false;
      int c = in.read();
      while (c != -1) {
        if (c == '"' && field.length() == 0 && !quotedField) {
          quotedField = true;
          while (true) {
            int q = in.read();
            if (q == -1) {
              throw new AssertionError("unterminated quoted field");
            }
            if (q == '"') {
              int next = in.read();
              if (next == '"') {
                field.append('"');
                continue;
              }
              c = next;
              break;
            }
            field.append((char) q);
          }
          continue;
        }
        if (c == ',') {
          record.add(field.toString());
          field.setLength(0);
          quotedField = false;
        } else if (c == '\r') {
          if (in.read() != '\n') {
            throw new AssertionError("a CR not followed by LF");
          }
          record.add(field.toString());
          each.accept(record);
          record = new ArrayList<>();
          field.setLength(0);
          quotedField = false;
        } else if (c == '\n') {
          throw new AssertionError("a bare LF ends a row; rows must end in CRLF");
        } else {
          field.append((char) c);
        }
        c = in.read();
      }
      if (field.length() > 0 || !record.isEmpty() || quotedField) {
        throw new AssertionError("the last row does not end in CRLF");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The records of a gzip export, read as they are decompressed. */
  public static void records(byte[] gzip, Consumer<List<String>> each) {
    try {
      records(
          new InputStreamReader(
              new GZIPInputStream(new ByteArrayInputStream(gzip)), StandardCharsets.UTF_8),
          each);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Loads {@code count} conversations straight into the store of a running parley's default
   * workspace ({@link ReportingLoad}).
   */
  public static ReportingLoad.Loaded load(
      ParleyProcess parley, int count, long firstStartedAt, int deletedEvery) {
    String url =
        parley.databaseUrl() != null
            ? parley.databaseUrl()
            : "jdbc:sqlite:" + parley.dataDir().resolve("parley.db");
    try (Connection c = ReportingLoad.connect(url, TestStore.pgUser())) {
      return ReportingLoad.load(
          c, ReportingLoad.workspaceId(c, "default"), count, firstStartedAt, deletedEvery);
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
