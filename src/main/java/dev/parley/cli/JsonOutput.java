package dev.parley.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.parley.app.Parley;

/** Prints what a command answers as JSON on standard output, indented, one object. */
final class JsonOutput {
  private JsonOutput() {}

  /** Prints {@code value} (maps, lists, strings, numbers, booleans, nulls) as indented JSON. */
  static void print(Object value) {
    try {
      System.out.println(
          Parley.objectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot print JSON", e);
    }
  }
}
