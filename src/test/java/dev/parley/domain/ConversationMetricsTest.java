package dev.parley.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.domain.conversation.ConversationMetrics;
import dev.parley.domain.conversation.ConversationState;
import org.junit.jupiter.api.Test;

class ConversationMetricsTest {

  @Test
  void aStartedConversationIsOpenAndItsSourceIsTheFirstContactReply() {
    ConversationMetrics m =
        ConversationMetrics.started(1, 7, 1000, "conversation", "customer_initiated");
    assertThat(m.state()).isEqualTo(ConversationState.OPEN);
    assertThat(m.firstContactReplyAt()).isEqualTo(1000);
    assertThat(m.lastContactReplyAt()).isEqualTo(1000);
    assertThat(m.countParts()).isZero();
    assertThat(m.deletedAt()).isNull();
  }

  @Test
  void adminRepliesSetTheFirstAndLastAdminReplyTimes() {
    ConversationMetrics m =
        ConversationMetrics.started(1, 7, 1000, "conversation", "customer_initiated");
    m.onAdminReply(1100);
    m.onAdminReply(1300);
    assertThat(m.firstAdminReplyAt()).isEqualTo(1100);
    assertThat(m.lastAdminReplyAt()).isEqualTo(1300);
    assertThat(m.countParts()).isEqualTo(2);
    assertThat(m.updatedAt()).isEqualTo(1300);
  }

  @Test
  void closingThenAContactReplyCountsOneReopen() {
    ConversationMetrics m =
        ConversationMetrics.started(1, 7, 1000, "conversation", "customer_initiated");
    m.onClose(1200, 55);
    assertThat(m.state()).isEqualTo(ConversationState.CLOSED);
    assertThat(m.firstCloseAt()).isEqualTo(1200);
    assertThat(m.lastClosedById()).isEqualTo(55);
    m.onContactReply(1400, true);
    m.onClose(1500, 56);
    assertThat(m.state()).isEqualTo(ConversationState.CLOSED);
    assertThat(m.countReopens()).isEqualTo(1);
    assertThat(m.firstCloseAt()).isEqualTo(1200);
    assertThat(m.lastCloseAt()).isEqualTo(1500);
    assertThat(m.lastClosedById()).isEqualTo(56);
  }

  @Test
  void anAssignmentResetsTheReplySinceAssignmentUntilTheNextAdminReply() {
    ConversationMetrics m =
        ConversationMetrics.started(1, 7, 1000, "conversation", "customer_initiated");
    m.onAssignment(1010, 3L, null);
    m.onAdminReply(1020);
    m.onAssignment(1030, null, 9L);
    assertThat(m.lastAssignmentAdminReplyAt()).isNull();
    assertThat(m.countAssignments()).isEqualTo(2);
    assertThat(m.firstAssignmentAt()).isEqualTo(1010);
    assertThat(m.adminAssigneeId()).isNull();
    assertThat(m.teamAssigneeId()).isEqualTo(9L);
    m.onAdminReply(1040);
    assertThat(m.lastAssignmentAdminReplyAt()).isEqualTo(1040);
  }
}
