package io.messagedriven.domain.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForAllTest {

  @Test
  void aFailingEdgeCaseIsNamedWithTheSeedThatReplaysTheRun() {
    Throwable failure = catchThrowable(() -> ForAll.check(List.of("fine", "tab\there"), 10,
        inputs -> "fine", text -> assertThat(text).doesNotContain("\t")));

    assertThat(failure).isInstanceOf(AssertionError.class)
        .hasMessageMatching("(?s)property failed on edge case 2 of 2, input \"tab\\\\u0009here\" "
            + "\\(seed -?\\d+, replay with -Dmessagedriven.seed=-?\\d+\\): .*")
        .cause().isInstanceOf(AssertionError.class);
  }

  @Test
  void aFailingGeneratedInputIsNamedWithItsTry() {
    Throwable failure = catchThrowable(() -> ForAll.check(List.of(), 50,
        inputs -> inputs.between(1, 3), number -> assertThat(number).isNotEqualTo(3)));

    assertThat(failure).hasMessageMatching("(?s)property failed on try \\d+ of 50, input \"3\" \\(seed .*");
  }

  @Test
  void theSameSeedGivesTheSameInputs() {
    assertThat(inputs(new Inputs(42))).isEqualTo(inputs(new Inputs(42))).isNotEqualTo(inputs(new Inputs(43)));
  }

  @Test
  void inputsStayWithinTheirBoundsAndReachBothEnds() {
    Inputs inputs = new Inputs(7);
    List<Integer> numbers = new ArrayList<>();
    List<Integer> lengths = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      numbers.add(inputs.between(-3, 3));
      lengths.add(inputs.string("ab", 2, 9).length());
      assertThat(inputs.anyString(5)).hasSizeLessThanOrEqualTo(5);
    }
    assertThat(numbers).allSatisfy(n -> assertThat(n).isBetween(-3, 3)).contains(-3, 3);
    assertThat(lengths).allSatisfy(n -> assertThat(n).isBetween(2, 9)).contains(2, 9);
  }

  @Test
  void unprintableCharactersAreShownAsEscapes() {
    assertThat(ForAll.printable("a\"\\\u0000é\ud83d")).isEqualTo("\"a\\\"\\\\\\u0000\\u00e9\\ud83d\"");
  }

  private static List<String> inputs(Inputs inputs) {
    List<String> made = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      made.add(inputs.anyString(30) + inputs.between(0, 1000));
    }
    return made;
  }
}
