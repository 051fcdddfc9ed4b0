package io.github.pixversecamunda.templates;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pixversecamunda.api.Credits;
import io.github.pixversecamunda.api.Resolution;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files that quote the credit table agree with {@link Credits}, its one place; a file that
 * disagrees is named with its line. The build writes them ({@link CreditTableWriter}), so this
 * fails only for a change made past the build.
 */
class CreditTableFilesTest {

  @Test
  void everyQuoteOfTheCreditTableAgreesWithCredits() throws Exception {
    assertThat(CreditTableWriter.stale(Path.of("")))
        .as("run mvn process-test-classes to write the credit table into these files")
        .isEmpty();
  }

  @Test
  void aStaleQuoteIsNamedWithItsFileAndLineAndTheWriterMendsIt(@TempDir Path copy)
      throws Exception {
    for (String file :
        CreditTableWriter.quotes().stream()
            .map(CreditTableWriter.Quote::file)
            .distinct()
            .toList()) {
      Files.createDirectories(copy.resolve(file).getParent());
      Files.copy(Path.of(file), copy.resolve(file));
    }
    Path batch = copy.resolve("bpmn/pixverse-batch.bpmn");
    int price = Credits.fiveSecondPrice(Resolution.P1080);
    String script = "&#34;1080p&#34;: " + price + "}";
    String original = Files.readString(batch);
    assertThat(original).contains(script);
    Files.writeString(batch, original.replace(script, "&#34;1080p&#34;: " + (price + 1) + "}"));
    long line =
        1 + original.substring(0, original.indexOf(script)).chars().filter(c -> c == '\n').count();

    List<CreditTableWriter.Stale> stale = CreditTableWriter.stale(copy);

    assertThat(stale).hasSize(1);
    assertThat(stale.get(0).toString())
        .startsWith("bpmn/pixverse-batch.bpmn:" + line + ": says ")
        .contains(String.valueOf(price + 1));
    assertThat(CreditTableWriter.write(copy)).containsExactly("bpmn/pixverse-batch.bpmn");
    assertThat(Files.readString(batch)).isEqualTo(original);
    assertThat(CreditTableWriter.stale(copy)).isEmpty();
  }

  @Test
  void theTemplatesQuoteTheWholeRangeOfPrices() throws Exception {
    assertThat(Files.readString(Path.of("element-templates/pixverse-submit-video.json")))
        .contains("(" + Credits.lowest() + " to " + Credits.highest() + " per video)")
        .contains(Credits.describe());
    assertThat(Credits.lowest()).isEqualTo(70);
    assertThat(Credits.highest()).isEqualTo(600);
  }
}
