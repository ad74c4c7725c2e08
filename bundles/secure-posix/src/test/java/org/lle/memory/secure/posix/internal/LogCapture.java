package org.lle.memory.secure.posix.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Captures what the provider logs (System.Logger goes to java.util.logging by default). */
final class LogCapture extends Handler implements AutoCloseable {
    private final Logger logger = Logger.getLogger("org.lle.memory.secure.posix");
    final List<LogRecord> records = new CopyOnWriteArrayList<>();

    LogCapture() {
        logger.addHandler(this);
    }

    /** @return the records logged by the calling thread, not by leak guards of other tests' arenas */
    List<LogRecord> fromThisThread() {
        long me = Thread.currentThread().getId();
        return records.stream().filter(r -> r.getLongThreadID() == me).toList();
    }

    boolean has(Level level, String fragment) {
        return records.stream().anyMatch(r -> r.getLevel().equals(level) && r.getMessage().contains(fragment));
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
}
