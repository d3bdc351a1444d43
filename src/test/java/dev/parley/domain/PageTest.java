package dev.parley.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PageTest {

  @Test
  void aCursorSurvivesEncodingAndDecoding() {
    Page.Cursor cursor = new Page.Cursor(3, 1_700_000_000L, "4294967297");
    assertThat(Page.Cursor.decode(cursor.encode(), "starting_after")).isEqualTo(cursor);
  }

  @Test
  void garbageCursorsAre400NamingTheParameter() {
    for (String garbage : List.of("!!!", "bm9wZQ", "MTpub3Q6bnVtYmVy")) {
      assertThatThrownBy(() -> Page.Cursor.decode(garbage, "starting_after"))
          .isInstanceOfSatisfying(
              ApiException.class,
              e -> {
                assertThat(e.errorCode()).isEqualTo(ErrorCode.PARAMETER_INVALID);
                assertThat(e.field()).isEqualTo("starting_after");
              });
    }
  }

  @Test
  void anExtraRowMeansANextPageStartingAfterTheLastShownRow() {
    Page<Integer> page =
        Page.of(
            List.of(5, 4, 3), 2, 10, null, i -> new Page.Cursor(0, i * 10L, Integer.toString(i)));
    assertThat(page.items()).containsExactly(5, 4);
    assertThat(page.page()).isEqualTo(1);
    assertThat(page.next()).isEqualTo(new Page.Cursor(1, 40, "4"));
    assertThat(page.totalPages()).isEqualTo(5);
  }

  @Test
  void theLastPageHasNoNextCursor() {
    Page<Integer> page =
        Page.of(
            List.of(1),
            2,
            3,
            new Page.Cursor(1, 20, "2"),
            i -> new Page.Cursor(0, i, Integer.toString(i)));
    assertThat(page.page()).isEqualTo(2);
    assertThat(page.next()).isNull();
  }
}
