package org.lle.memory.secure.broker.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Records what the broker logs through {@code System.Logger} (backed by java.util.logging when no other
 * {@code LoggerFinder} is installed), so a test can check that a move into degraded memory or a refused
 * configuration is not silent.
 */
final class LogCapture extends Handler implements AutoCloseable {
    private final Logger logger;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private LogCapture(String name) {
        this.logger = Logger.getLogger(name);
        setLevel(Level.ALL);
        logger.addHandler(this);
    }

    /** Starts recording the logger named {@code name} (and its children). */
    static LogCapture of(String name) {
        return new LogCapture(name);
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }

    /** @return the messages at {@code level} or above, with their parameters filled in */
    List<String> messages(Level level) {
        return records.stream().filter(r -> r.getLevel().intValue() >= level.intValue())
                .map(LogCapture::format).toList();
    }

    private static String format(LogRecord r) {
        String text = r.getMessage();
        Object[] params = r.getParameters();
        if (params != null) {
            text = java.text.MessageFormat.format(text, params);
        }
        return r.getThrown() == null ? text : text + " | " + r.getThrown();
    }
}
