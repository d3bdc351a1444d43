package dev.parley.bench;

import dev.parley.junit.ParleyServer;
import dev.parley.junit.ParleyWorkspace;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Issue 17's "in-process start to first answered request": starts {@link ParleyServer} (the JUnit
 * extension's server) {@code N} times in this JVM, one after another, and prints for each start the
 * milliseconds until the server is up, until its first answered request ({@code GET
 * /_parley/clock}), until a new workspace's token has its first Intercom answer ({@code GET /me}),
 * and to stop it. The first start is cold (classes loaded, JIT cold); the others are warm, as every
 * test class after the first would see them if the extension started a server per class. Run by
 * {@code bench/junit-start.sh}; prints figures, asserts nothing.
 */
public final class JunitStartBench {
  private JunitStartBench() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    List<Double> warmFirst = new ArrayList<>();
    List<Double> warmMe = new ArrayList<>();
    System.out.println("run  started_ms  first_answer_ms  workspace_and_me_ms  stop_ms");
    for (int run = 1; run <= runs; run++) {
      long t0 = System.nanoTime();
      ParleyServer server = ParleyServer.start();
      long started = System.nanoTime();
      long now = server.clock().now();
      long answered = System.nanoTime();
      ParleyWorkspace workspace = server.createWorkspace();
      HttpResponse<String> me =
          http.send(
              HttpRequest.newBuilder(URI.create(workspace.baseUrl() + "/me"))
                  .header("Authorization", "Bearer " + workspace.token())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      long meAnswered = System.nanoTime();
      server.close();
      long stopped = System.nanoTime();
      if (now <= 0 || me.statusCode() != 200) {
        throw new IllegalStateException("unexpected answers: now " + now + ", /me " + me);
      }
      double first = millis(t0, answered);
      double toMe = millis(t0, meAnswered);
      if (run > 1) {
        warmFirst.add(first);
        warmMe.add(toMe);
      }
      System.out.printf(
          Locale.ROOT,
          "%3d  %10.0f  %15.0f  %19.0f  %7.0f%s%n",
          run,
          millis(t0, started),
          first,
          toMe,
          millis(meAnswered, stopped),
          run == 1 ? "  (cold)" : "");
    }
    if (!warmFirst.isEmpty()) {
      System.out.printf(
          Locale.ROOT,
          "warm (runs 2-%d): start to first answered request: median %.0f ms, max %.0f ms;"
              + " to a new workspace's first /me: median %.0f ms%n",
          runs,
          median(warmFirst),
          Collections.max(warmFirst),
          median(warmMe));
    }
  }

  private static double millis(long from, long to) {
    return (to - from) / 1e6;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
