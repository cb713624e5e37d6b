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
  void cursorsOfOneListAreRefusedByAnother() {
    String otherList = Cursors.encode("users", "1", "2", "3");

    assertThatThrownBy(() -> Cursors.event(otherList)).isInstanceOf(InvalidValueException.class);
    assertThat(Cursors.decode(Cursors.ofEvent(3), "events", 2)).containsExactly("events", "3");
    assertThatThrownBy(() -> Cursors.decode(Cursors.ofEvent(3), "users", 4)).isInstanceOf(InvalidValueException.class);
    assertThat(Cursors.event(Cursors.ofEvent(3))).isEqualTo(3);
  }
}
