package io.github.pixversecamunda.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CreditsTest {

  /** Every combination, written out from the API page's FAQ rather than computed like the code. */
  static Stream<Arguments> table() {
    List<Arguments> rows = new ArrayList<>();
    Object[][] expected = {
      // resolution, 5s, 8s, 10s, 5s+audio, 8s+audio, 10s+audio
      {Resolution.P360, 70, 140, 140, 140, 280, 280},
      {Resolution.P540, 70, 140, 140, 140, 280, 280},
      {Resolution.P720, 90, 180, 180, 180, 360, 360},
      {Resolution.P1080, 150, 300, 300, 300, 600, 600},
    };
    VideoDuration[] durations = {VideoDuration.S5, VideoDuration.S8, VideoDuration.S10};
    for (Object[] row : expected) {
      for (int i = 0; i < 3; i++) {
        rows.add(Arguments.of(row[0], durations[i], false, row[1 + i]));
        rows.add(Arguments.of(row[0], durations[i], true, row[4 + i]));
      }
    }
    return rows.stream();
  }

  @ParameterizedTest(name = "{0} {1} audio={2} -> {3}")
  @MethodSource("table")
  void estimatesEveryCombination(
      Resolution resolution, VideoDuration duration, boolean audio, int credits) {
    assertThat(Credits.estimate(resolution, duration, audio)).isEqualTo(credits);
    GenerationRequest request =
        GenerationRequest.builder()
            .prompt("p")
            .resolution(resolution)
            .duration(duration)
            .generateAudio(audio)
            .build();
    assertThat(request.estimatedCredits()).isEqualTo(credits);
  }
}
