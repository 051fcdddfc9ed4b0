package io.github.pixversecamunda.templates;

import io.github.pixversecamunda.api.Credits;
import io.github.pixversecamunda.api.Resolution;
import io.github.pixversecamunda.api.VideoDuration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes the credit table of {@link Credits} into the hand-written files that quote it: the batch
 * process's and the content agent's pricing scripts, the batch's note, and the budget description
 * of the submit and generate-video templates. The build runs it before the Modeler checks and the
 * tests ({@code process-test-classes}), on the sources and on their copies in the library's
 * classes; {@code CreditTableFilesTest} fails, naming file and line, when a quote disagrees with
 * the table (for a change made past the build).
 *
 * <p>Usage: {@code CreditTableWriter <project directory> [<copies directory>]}.
 */
public final class CreditTableWriter {

  /** One quote of the table: where it is, how to find it, what it must say. */
  record Quote(String file, Pattern pattern, String text) {}

  /** A quote that disagrees with the table. */
  record Stale(String file, int line, String found, String expected) {
    @Override
    public String toString() {
      return file
          + ":"
          + line
          + ": says \""
          + found
          + "\" but the credit table gives \""
          + expected
          + "\"";
    }
  }

  private static final String BATCH = "bpmn/pixverse-batch.bpmn";

  /** Processes that price a video in FEEL before they reserve its cost. */
  private static final List<String> PRICING_SCRIPTS =
      List.of(BATCH, "bpmn/examples/pixverse-content-agent.bpmn");

  /** Templates whose budget field quotes the prices. */
  private static final List<String> BUDGET_TEMPLATES =
      List.of(
          "element-templates/pixverse-submit-video.json",
          "element-templates/pixverse-submit-video-hybrid.json",
          "element-templates/pixverse-generate-video.json");

  private CreditTableWriter() {}

  public static void main(String[] args) throws IOException {
    Path project = Path.of(args[0]);
    List<Path> roots = new ArrayList<>(List.of(project));
    if (args.length > 1) {
      roots.add(Path.of(args[1]));
    }
    for (Path root : roots) {
      for (String file : write(root)) {
        System.out.println("Credit table written into " + root.resolve(file));
      }
    }
  }

  static List<Quote> quotes() {
    List<Quote> quotes = new ArrayList<>();
    // The script sits in an XML attribute: its quotation marks are written &#34;.
    StringJoiner prices = new StringJoiner(", ", "{", "}");
    for (Resolution resolution : Resolution.values()) {
      prices.add("&#34;" + resolution.wire() + "&#34;: " + Credits.fiveSecondPrice(resolution));
    }
    for (String script : PRICING_SCRIPTS) {
      quotes.add(
          new Quote(
              script,
              Pattern.compile("fiveSeconds: get value\\(\\{[^}]*\\}, resolutionKey\\)"),
              "fiveSeconds: get value(" + prices + ", resolutionKey)"));
      quotes.add(
          new Quote(
              script,
              Pattern.compile("lengthFactor: (?:if seconds = [^,]*? then \\d+ else )+null"),
              "lengthFactor: " + lengthFactorFeel() + "null"));
      quotes.add(
          new Quote(
              script,
              Pattern.compile("\\(if withAudio then \\d+ else 1\\)"),
              "(if withAudio then " + Credits.AUDIO_FACTOR + " else 1)"));
    }
    String rules = Credits.describe().substring(Credits.describe().indexOf("; ") + 2);
    quotes.add(
        new Quote(
            BATCH,
            Pattern.compile("5 s costs [^;]*(?:; [^;]*? (?:doubles|multiplies by \\d+))+"),
            "5 s costs " + pricesInWords() + "; " + rules));
    for (String template : BUDGET_TEMPLATES) {
      quotes.add(
          new Quote(
              template,
              Pattern.compile("Credits for 5 s: [^(]*\\(\\d+ to \\d+ per video\\)\\."),
              "Credits for "
                  + Credits.describe()
                  + " ("
                  + Credits.lowest()
                  + " to "
                  + Credits.highest()
                  + " per video)."));
    }
    return quotes;
  }

  /** {@code if seconds = 5 then 1 else if seconds = 8 or seconds = 10 then 2 else }. */
  private static String lengthFactorFeel() {
    Map<Integer, StringJoiner> byFactor = new LinkedHashMap<>();
    for (VideoDuration duration : VideoDuration.values()) {
      byFactor
          .computeIfAbsent(Credits.lengthFactor(duration), f -> new StringJoiner(" or "))
          .add("seconds = " + duration.seconds());
    }
    StringBuilder feel = new StringBuilder();
    byFactor.forEach(
        (factor, test) ->
            feel.append("if ").append(test).append(" then ").append(factor).append(" else "));
    return feel.toString();
  }

  /** {@code 70 at 360p and 540p, 90 at 720p, 150 at 1080p}. */
  private static String pricesInWords() {
    Map<Integer, StringJoiner> byPrice = new LinkedHashMap<>();
    for (Resolution resolution : Resolution.values()) {
      byPrice
          .computeIfAbsent(Credits.fiveSecondPrice(resolution), p -> new StringJoiner(" and "))
          .add(resolution.wire());
    }
    StringJoiner words = new StringJoiner(", ");
    byPrice.forEach((price, resolutions) -> words.add(price + " at " + resolutions));
    return words.toString();
  }

  /** The quotes under {@code root} that disagree with the table; fails when one is missing. */
  static List<Stale> stale(Path root) throws IOException {
    List<Stale> stale = new ArrayList<>();
    for (Quote quote : quotes()) {
      String content = Files.readString(root.resolve(quote.file()), StandardCharsets.UTF_8);
      Matcher matcher = only(quote, content);
      if (!matcher.group().equals(quote.text())) {
        int line =
            1 + (int) content.substring(0, matcher.start()).chars().filter(c -> c == '\n').count();
        stale.add(new Stale(quote.file(), line, matcher.group(), quote.text()));
      }
    }
    return stale;
  }

  /** Brings every quote under {@code root} up to date; returns the files it changed. */
  static List<String> write(Path root) throws IOException {
    List<String> changed = new ArrayList<>();
    for (Quote quote : quotes()) {
      Path file = root.resolve(quote.file());
      if (!Files.exists(file)) {
        continue; // a copies directory before the resources were copied
      }
      String content = Files.readString(file, StandardCharsets.UTF_8);
      Matcher matcher = only(quote, content);
      if (!matcher.group().equals(quote.text())) {
        String updated =
            content.substring(0, matcher.start()) + quote.text() + content.substring(matcher.end());
        Files.writeString(file, updated, StandardCharsets.UTF_8);
        if (!changed.contains(quote.file())) {
          changed.add(quote.file());
        }
      }
    }
    return changed;
  }

  private static Matcher only(Quote quote, String content) {
    Matcher matcher = quote.pattern().matcher(content);
    if (!matcher.find()) {
      throw new IllegalStateException(
          quote.file()
              + " no longer quotes the credit table where "
              + quote.pattern()
              + " finds it");
    }
    int start = matcher.start();
    if (matcher.find()) {
      throw new IllegalStateException(
          quote.file() + " quotes the credit table twice where " + quote.pattern() + " finds it");
    }
    matcher.find(start);
    return matcher;
  }
}
