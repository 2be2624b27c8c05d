package io.pushrelay.observability;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/** The lines of one level of the operator's logger ("pushrelay") as Log4j2 writes them, while started. */
final class LogLines extends AbstractAppender {

    final List<String> lines = new CopyOnWriteArrayList<>();
    private final Level level;

    LogLines(Level level) {
        super("pushrelay-test-" + level, null, null, true, Property.EMPTY_ARRAY);
        this.level = level;
    }

    @Override
    public void append(LogEvent event) {
        if (event.getLevel() == level && "pushrelay".equals(event.getLoggerName())) {
            lines.add(event.getMessage().getFormattedMessage());
        }
    }

    @Override
    public void start() {
        super.start();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        // the logger's configuration: the root's, as log4j2.properties names no "pushrelay" logger
        context.getConfiguration().getLoggerConfig("pushrelay").addAppender(this, level, null);
        context.updateLoggers();
    }

    @Override
    public boolean stop(long timeout, TimeUnit unit) {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getLoggerConfig("pushrelay").removeAppender(getName());
        context.updateLoggers();
        return super.stop(timeout, unit);
    }

    List<String> containing(String text) {
        return lines.stream().filter(l -> l.contains(text)).toList();
    }
}
