package io.messagedriven.application.internal;

import io.messagedriven.application.PageRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.messagedriven.application.user.port.UserRepository;
import io.messagedriven.domain.InvalidValueException;
import io.messagedriven.domain.user.UserId;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PageRequestAndCursorsTest {

  @Test
  void aLimitOutsideOneToAThousandIsRefused() {
    for (int bad : new int[] {0, -1, PageRequest.MAX_LIMIT + 1, Integer.MIN_VALUE}) {
      assertThatThrownBy(() -> PageRequest.first(bad)).as("limit %d", bad)
          .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("limit"))
          .hasMessageContaining("use 1 to 1000");
    }
    assertThat(PageRequest.first(1).limit()).isOne();
    assertThat(PageRequest.first(PageRequest.MAX_LIMIT).cursor()).isEmpty();
  }

  @Test
  void aMissingBlankOrOversizedCursorIsRefused() {
    assertThatThrownBy(() -> PageRequest.after(null, 10)).isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("cursor").hasMessageContaining("required");
    assertThatThrownBy(() -> PageRequest.after(" ", 10)).isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> PageRequest.after("a".repeat(201), 10)).isInstanceOf(InvalidValueException.class);
  }

  @Test
  void aUserCursorKeepsTheExactPosition() {
    UserRepository.After after = new UserRepository.After(Instant.parse("2024-05-01T10:00:00.123456Z"), UserId.random());

    assertThat(Cursors.user(Cursors.ofUser(after))).isEqualTo(after);
    assertThat(Cursors.ofUser(after)).matches("[A-Za-z0-9_-]+");
  }

  @Test
  void cursorsOfOneListAreRefusedByAnother() {
    String userCursor = Cursors.ofUser(new UserRepository.After(Instant.EPOCH, UserId.random()));

    assertThatThrownBy(() -> Cursors.event(userCursor)).isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> Cursors.user(Cursors.ofEvent(3))).isInstanceOf(InvalidValueException.class);
    assertThat(Cursors.event(Cursors.ofEvent(3))).isEqualTo(3);
  }
}
