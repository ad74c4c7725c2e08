package org.lle.memory.testsupport;

import java.text.MessageFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Records what a component logs through {@code System.Logger} (backed by java.util.logging when no other
 * {@code LoggerFinder} is installed), so a test can check that a refusal, a fallback or a move into degraded
 * memory is not silent. Close it to stop recording.
 */
public final class LogCapture extends Handler implements AutoCloseable {
    private final Logger logger;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private LogCapture(String name) {
        this.logger = Logger.getLogger(name);
        setLevel(Level.ALL);
        logger.addHandler(this);
    }

    /** Starts recording the logger named {@code name} (and its children). */
    public static LogCapture of(String name) {
        return new LogCapture(name);
    }

    /** @return every record so far */
    public List<LogRecord> records() {
        return List.copyOf(records);
    }

    /** @return the records logged by the calling thread (not by cleaner threads of other tests' objects) */
    public List<LogRecord> fromThisThread() {
        long me = Thread.currentThread().getId();
        return records.stream().filter(r -> r.getLongThreadID() == me).toList();
    }

    /** @return whether a record at exactly {@code level} has {@code fragment} in its message pattern */
    public boolean has(Level level, String fragment) {
        return records.stream().anyMatch(r -> r.getLevel().equals(level) && r.getMessage().contains(fragment));
    }

    /** @return the messages at {@code level} or above, with their parameters filled in */
    public List<String> messages(Level level) {
        return records.stream().filter(r -> r.getLevel().intValue() >= level.intValue())
                .map(LogCapture::format).toList();
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

    private static String format(LogRecord r) {
        String text = r.getMessage();
        Object[] params = r.getParameters();
        if (params != null) {
            text = MessageFormat.format(text, params);
        }
        return r.getThrown() == null ? text : text + " | " + r.getThrown();
    }
}
