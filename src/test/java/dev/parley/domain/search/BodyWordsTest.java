package dev.parley.domain.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BodyWordsTest {

  @Test
  void anHtmlBodyGivesItsLowerCaseWordsOnceEachWithoutTagsOrEntities() {
    assertThat(BodyWords.ofBody("<p>I need <b>Support</b>, support&amp;help &#x41;ll</p>"))
        .containsExactly("i", "need", "support", "help", "all");
  }

  @Test
  void lettersOfEveryScriptDigitsAndCombiningMarksMakeWordsAndPunctuationSplitsThem() {
    assertThat(BodyWords.ofBody("Crème-brûlée x2 don't ÉCOLE_42 ﬁle"))
        .containsExactly("crème", "brûlée", "x2", "don", "t", "école", "42", "file");
  }

  @Test
  void aSearchValueIsSplitTheSameWaySoTwoWordsAreTwoTokens() {
    assertThat(BodyWords.ofValue("SUPPORT")).containsExactly("support");
    assertThat(BodyWords.ofValue("need support")).containsExactly("need", "support");
    assertThat(BodyWords.ofValue("support!")).containsExactly("support");
    assertThat(BodyWords.ofValue("  ")).isEmpty();
  }

  @Test
  void longWordsAreCutAndABodyKeepsAtMostAThousandDistinctWords() {
    String longWord = "a".repeat(100);
    assertThat(BodyWords.ofBody(longWord)).containsExactly("a".repeat(BodyWords.MAX_WORD_LENGTH));
    assertThat(BodyWords.ofValue(longWord)).containsExactly("a".repeat(BodyWords.MAX_WORD_LENGTH));
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < 1500; i++) {
      body.append("w").append(i).append(' ');
    }
    assertThat(BodyWords.ofBody(body.toString()))
        .hasSize(BodyWords.MAX_WORDS)
        .startsWith("w0")
        .endsWith("w999");
  }

  @Test
  void anEmptyOrNullBodyHasNoWords() {
    assertThat(BodyWords.ofBody(null)).isEmpty();
    assertThat(BodyWords.ofBody("<p></p>")).isEmpty();
  }
}
