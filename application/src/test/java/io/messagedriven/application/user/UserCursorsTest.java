package io.messagedriven.application.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.messagedriven.application.internal.Cursors;
import io.messagedriven.application.user.port.UserRepository;
import io.messagedriven.domain.InvalidValueException;
import io.messagedriven.domain.user.UserId;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class UserCursorsTest {

  @Test
  void aUserCursorKeepsTheExactPosition() {
    UserRepository.After after = new UserRepository.After(Instant.parse("2024-05-01T10:00:00.123456Z"), UserId.random());

    assertThat(UserCursors.parse(UserCursors.of(after))).isEqualTo(after);
    assertThat(UserCursors.of(after)).matches("[A-Za-z0-9_-]+");
  }

  @Test
  void aUserCursorAndAnEventCursorAreRefusedByEachOthersList() {
    String userCursor = UserCursors.of(new UserRepository.After(Instant.EPOCH, UserId.random()));

    assertThatThrownBy(() -> Cursors.event(userCursor)).isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> UserCursors.parse(Cursors.ofEvent(3))).isInstanceOf(InvalidValueException.class);
  }
}
