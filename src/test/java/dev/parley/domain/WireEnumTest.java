package dev.parley.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.domain.conversation.ConversationState;
import dev.parley.domain.conversation.PartType;
import org.junit.jupiter.api.Test;

class WireEnumTest {

  @Test
  void wireValuesAreTheLowerCaseNamesAndReadBack() {
    assertThat(PartType.ASSIGN_AND_REOPEN.wireValue()).isEqualTo("assign_and_reopen");
    assertThat(ConversationState.SNOOZED.wireValue()).isEqualTo("snoozed");
    for (PartType type : PartType.values()) {
      assertThat(PartType.fromWire(type.wireValue())).isSameAs(type);
    }
  }

  @Test
  void anUnknownOrMissingValueIsRejectedByName() {
    assertThatThrownBy(() -> ConversationState.fromWire("OPEN"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown conversation state: OPEN");
    assertThatThrownBy(() -> PartType.fromWire(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown conversation part type: null");
  }
}
