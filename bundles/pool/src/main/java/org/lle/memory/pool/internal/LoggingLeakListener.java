package org.lle.memory.pool.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/** Reports leaks through {@link System.Logger} (name {@value #LOGGER_NAME}) at WARNING. */
final class LoggingLeakListener implements LeakListener {
    static final String LOGGER_NAME = "org.lle.memory.pool.leak";
    private static final Logger LOG = System.getLogger(LOGGER_NAME);

    @Override
    public void leaked(LeakReport report) {
        if (report.allocationSite() == null) {
            LOG.log(Level.WARNING, report.describe());
        } else {
            LOG.log(Level.WARNING, report.describe(), report.allocationSite());
        }
    }

    @Override
    public void closedWithLiveBlocks(long liveBlocks, String perType) {
        LOG.log(Level.WARNING, "pool system closed with " + liveBlocks
                + " blocks never closed; they are now invalid: " + perType);
    }
}
