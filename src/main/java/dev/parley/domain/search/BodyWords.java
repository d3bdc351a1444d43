package dev.parley.domain.search;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words of a message body, as {@code source.body} search matches them: Intercom's description
 * says the body is searched "against every element of the value separately", so {@code =} with
 * {@code "support"} finds "I need support" and {@code "need support"} finds nothing.
 *
 * <p>A word is a run of letters, digits and combining marks, after HTML tags are removed, the
 * common character references decoded, and the text normalized (NFKC) and lower-cased ({@link
 * Locale#ROOT}); everything else separates words. Words are cut to {@value #MAX_WORD_LENGTH} code
 * points, and a body gives at most {@value #MAX_WORDS} distinct words (the first ones). A search
 * value goes through the same steps, so it matches regardless of case.
 *
 * <p>The words are conversation content: they are stored in {@code conversation_words} and erased
 * with the conversation.
 */
public final class BodyWords {
  /** Longest word kept, in code points; longer words are cut. */
  public static final int MAX_WORD_LENGTH = 64;

  /** Distinct words kept per body. */
  public static final int MAX_WORDS = 1000;

  private static final Pattern TAG = Pattern.compile("<[^>]*>");
  private static final Pattern REFERENCE =
      Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});");

  private BodyWords() {}

  /** The distinct words of an HTML (or plain text) body, in order of first appearance. */
  public static List<String> ofBody(String html) {
    if (html == null || html.isEmpty()) {
      return List.of();
    }
    return words(decode(TAG.matcher(html).replaceAll(" ")), MAX_WORDS);
  }

  /** The words of a search value (plain text), in order, duplicates removed. */
  public static List<String> ofValue(String text) {
    if (text == null || text.isEmpty()) {
      return List.of();
    }
    return words(text, Integer.MAX_VALUE);
  }

  /** A search value in the form words are stored in (normalized, lower-cased), for patterns. */
  public static String normalize(String text) {
    return Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
  }

  private static List<String> words(String text, int max) {
    String normalized = normalize(text);
    Set<String> words = new LinkedHashSet<>();
    StringBuilder word = new StringBuilder();
    int length = 0;
    for (int i = 0; i < normalized.length(); ) {
      int cp = normalized.codePointAt(i);
      i += Character.charCount(cp);
      if (isWordChar(cp)) {
        if (length < MAX_WORD_LENGTH) {
          word.appendCodePoint(cp);
          length++;
        }
      } else if (length > 0) {
        words.add(word.toString());
        word.setLength(0);
        length = 0;
        if (words.size() >= max) {
          return new ArrayList<>(words);
        }
      }
    }
    if (length > 0 && words.size() < max) {
      words.add(word.toString());
    }
    return new ArrayList<>(words);
  }

  private static boolean isWordChar(int cp) {
    if (Character.isLetterOrDigit(cp)) {
      return true;
    }
    int type = Character.getType(cp);
    return type == Character.NON_SPACING_MARK
        || type == Character.COMBINING_SPACING_MARK
        || type == Character.ENCLOSING_MARK;
  }

  /** Decodes numeric and the common named character references; others become spaces. */
  private static String decode(String text) {
    if (text.indexOf('&') < 0) {
      return text;
    }
    Matcher m = REFERENCE.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    while (m.find()) {
      String ref = m.group(1);
      String replacement;
      if (ref.startsWith("#x") || ref.startsWith("#X")) {
        replacement = codePoint(Integer.parseInt(ref.substring(2), 16));
      } else if (ref.startsWith("#")) {
        replacement = codePoint(Integer.parseInt(ref.substring(1)));
      } else {
        replacement =
            switch (ref) {
              case "amp" -> "&";
              case "lt" -> "<";
              case "gt" -> ">";
              case "quot" -> "\"";
              case "apos" -> "'";
              default -> " ";
            };
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String codePoint(int cp) {
    return Character.isValidCodePoint(cp) ? new String(Character.toChars(cp)) : " ";
  }
}
