package io.github.pixversecamunda.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.read.ListAppender;
import ch.qos.logback.core.spi.FilterReply;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Every log event of every logger at DEBUG and above, the project's own and the libraries' (the
 * HTTP client's header and wire logging among them), kept in memory for a test that reads them all;
 * the console goes on printing only what the configuration let through before, so that a test run's
 * output carries no DEBUG lines. {@link #close()} restores the levels and the console.
 */
public final class LogCapture implements AutoCloseable {

  private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
  private final Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final ListAppender<ILoggingEvent> capture = new ListAppender<>();
  // Read by the filters on the threads that log: fixed before the first filter is attached.
  private final Map<String, Level> levelsBefore;
  private final Map<Appender<ILoggingEvent>, List<Filter<ILoggingEvent>>> filtersBefore =
      new IdentityHashMap<>();

  private LogCapture() {
    Map<String, Level> levels = new HashMap<>();
    for (Logger logger : context.getLoggerList()) {
      if (logger.getLevel() != null) {
        levels.put(logger.getName(), logger.getLevel());
      }
    }
    levelsBefore = Map.copyOf(levels);
  }

  /** Starts capturing; close it after the test. */
  public static LogCapture atDebug() {
    LogCapture logs = new LogCapture();
    logs.start();
    return logs;
  }

  private void start() {
    for (Logger logger : context.getLoggerList()) {
      for (Iterator<Appender<ILoggingEvent>> it = logger.iteratorForAppenders(); it.hasNext(); ) {
        Appender<ILoggingEvent> appender = it.next();
        if (!filtersBefore.containsKey(appender)) {
          filtersBefore.put(appender, appender.getCopyOfAttachedFiltersList());
          appender.addFilter(new AsConfigured());
        }
      }
    }
    capture.setContext(context);
    capture.start();
    root.addAppender(capture);
    // Each logger's level comes from its nearest configured ancestor: lowering those lowers all.
    levelsBefore.forEach(
        (name, level) -> {
          if (level.isGreaterOrEqual(Level.DEBUG)) {
            context.getLogger(name).setLevel(Level.DEBUG);
          }
        });
  }

  /** The events so far, in the order they were logged. */
  public List<ILoggingEvent> events() {
    synchronized (capture) { // the appender appends under this lock while other threads log
      return new ArrayList<>(capture.list);
    }
  }

  /** The level a logger of this name had before the capture began. */
  private Level levelBefore(String name) {
    String ancestor = name;
    while (true) {
      Level level = levelsBefore.get(ancestor);
      if (level != null) {
        return level;
      }
      int cut = Math.max(ancestor.lastIndexOf('.'), ancestor.lastIndexOf('$'));
      if (cut < 0) {
        return levelsBefore.getOrDefault(org.slf4j.Logger.ROOT_LOGGER_NAME, Level.DEBUG);
      }
      ancestor = ancestor.substring(0, cut);
    }
  }

  /** Lets through to an appender only what reached it before the levels were lowered. */
  private final class AsConfigured extends Filter<ILoggingEvent> {
    @Override
    public FilterReply decide(ILoggingEvent event) {
      return event.getLevel().isGreaterOrEqual(levelBefore(event.getLoggerName()))
          ? FilterReply.NEUTRAL
          : FilterReply.DENY;
    }
  }

  @Override
  public void close() {
    levelsBefore.forEach((name, level) -> context.getLogger(name).setLevel(level));
    root.detachAppender(capture);
    capture.stop();
    filtersBefore.forEach(
        (appender, filters) -> {
          appender.clearAllFilters();
          filters.forEach(appender::addFilter);
        });
  }
}
