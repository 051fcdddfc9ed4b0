package io.github.pixversecamunda.testing;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * What the secret test relies on: a capture sees the HTTP client's DEBUG header lines and the
 * project's own DEBUG lines, while the console gets only what the configuration (logback-test.xml:
 * the project at INFO, the rest at WARN) let through before, and afterwards all is as it was.
 */
class LogCaptureTest {

  private static final String HEADERS = "org.apache.hc.client5.http.headers";
  private static final String OWN = "io.github.pixversecamunda.testing.LogCaptureProbe";

  private static List<String> messages(List<ILoggingEvent> events) {
    return events.stream()
        .filter(e -> Set.of(HEADERS, OWN).contains(e.getLoggerName()))
        .map(e -> e.getLevel() + " " + e.getFormattedMessage())
        .toList();
  }

  @Test
  void debugLinesAreCapturedAndKeptOffTheConsole() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    // Stands in for the console: an appender the configuration attached before the capture.
    ListAppender<ILoggingEvent> console = new ListAppender<>();
    console.start();
    root.addAppender(console);
    org.slf4j.Logger headers = LoggerFactory.getLogger(HEADERS);
    org.slf4j.Logger own = LoggerFactory.getLogger(OWN);
    try {
      try (LogCapture logs = LogCapture.atDebug()) {
        headers.debug("http-outgoing-0 >> API-KEY: aio_secret");
        own.debug("own detail");
        own.info("own step");
        headers.warn("a warning");

        assertThat(messages(logs.events()))
            .containsExactly(
                "DEBUG http-outgoing-0 >> API-KEY: aio_secret",
                "DEBUG own detail",
                "INFO own step",
                "WARN a warning");
      }
      headers.debug("after the capture");
      own.debug("after the capture");
      own.info("own step after the capture");

      List<ILoggingEvent> printed;
      synchronized (console) {
        printed = List.copyOf(console.list);
      }
      assertThat(messages(printed))
          .containsExactly("INFO own step", "WARN a warning", "INFO own step after the capture");
      assertThat(headers.isDebugEnabled()).isFalse();
      assertThat(own.isDebugEnabled()).isFalse();
    } finally {
      root.detachAppender(console);
    }
  }
}
