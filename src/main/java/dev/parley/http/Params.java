package dev.parley.http;

import dev.parley.domain.ApiException;
import io.javalin.http.Context;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/** Shared parsing of query parameters and URLs, each failure a 400 naming the parameter. */
public final class Params {
  private Params() {}

  /**
   * An integer query parameter within {@code [min, max]}, or {@code fallback} when absent.
   *
   * @throws ApiException 400 {@code parameter_invalid} naming the parameter
   */
  public static int intParam(Context ctx, String name, int fallback, int min, int max) {
    String text = ctx.queryParam(name);
    if (text == null || text.isEmpty()) {
      return fallback;
    }
    long value;
    try {
      value = parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw ApiException.invalid(name, name + " must be an integer");
    }
    if (value < min || value > max) {
      throw ApiException.invalid(name, name + " must be between " + min + " and " + max);
    }
    return (int) value;
  }

  /**
   * A decimal integer of ASCII digits, with an optional sign: what {@link Long#parseLong} takes,
   * except that it also takes the digits of other scripts ({@code "١٢٣"} is 123 to it), which no
   * client means as a number.
   *
   * @throws NumberFormatException for anything else, or a value beyond 64 bits
   */
  public static long parseLong(String text) {
    int start = !text.isEmpty() && (text.charAt(0) == '-' || text.charAt(0) == '+') ? 1 : 0;
    if (start == text.length()) {
      throw new NumberFormatException("not an integer");
    }
    for (int i = start; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        throw new NumberFormatException("not an integer of ASCII digits");
      }
    }
    return Long.parseLong(text);
  }

  /**
   * A boolean query parameter ({@code true}/{@code false}, any case), or {@code fallback} when
   * absent; any other value, the empty one too, is 400 {@code parameter_invalid}.
   */
  public static boolean boolParam(Context ctx, String name, boolean fallback) {
    String text = ctx.queryParam(name);
    if (text == null) {
      return fallback;
    }
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw ApiException.invalid(name, name + " must be true or false");
    };
  }

  /** A string query parameter that must be one of {@code allowed}, or {@code fallback}. */
  public static String enumParam(Context ctx, String name, String fallback, List<String> allowed) {
    String text = ctx.queryParam(name);
    if (text == null || text.isEmpty()) {
      return fallback;
    }
    if (!allowed.contains(text)) {
      throw ApiException.invalid(name, name + " must be one of " + String.join(", ", allowed));
    }
    return text;
  }

  /**
   * Checks that every link is an absolute http(s) URL of at most {@value StringLimits#URL}
   * characters.
   *
   * @throws ApiException 400 {@code parameter_invalid} naming {@code field}
   */
  public static List<String> urls(List<String> urls, String field) {
    for (String url : urls) {
      try {
        URI uri = new URI(url);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (url.length() > StringLimits.URL
            || !(scheme.equals("http") || scheme.equals("https"))
            || uri.getHost() == null) {
          throw ApiException.invalid(field, field + " must hold absolute http or https URLs");
        }
      } catch (URISyntaxException e) {
        throw ApiException.invalid(field, field + " must hold absolute http or https URLs");
      }
    }
    return urls;
  }

  /** The base URL upload links start with: the configured public URL or the request's. */
  public static String baseUrl(Context ctx, String publicUrl) {
    if (publicUrl != null && !publicUrl.isEmpty()) {
      return publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }
    String host = ctx.host();
    return ctx.scheme() + "://" + (host == null ? "localhost" : host);
  }
}
