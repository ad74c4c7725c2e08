package org.lle.memory.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.lle.memory.testsupport.ChildJvmRun;

/**
 * Without a recording, lle-memory does not even start JFR: every place an event would be emitted is passed in a
 * fresh JVM, and JFR's event registry ({@code jdk.jfr.internal.MetadataRepository}) is never loaded. Making an
 * event type would load and initialize it (hundreds of milliseconds). The control starts a recording on the
 * command line: the same check then finds it loaded.
 */
class NoRecordingCostTest {
    private static final String REGISTRY = "jdk.jfr.internal.MetadataRepository ";

    @Test
    void passingEveryEventSiteWithoutARecordingLeavesJfrAlone() {
        ChildJvmRun run = ChildJvmRun.of(NoRecordingChild.class, "-Xlog:class+load=info");
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("posixDegraded=true", "swaps=1", "jfrInitialized=false");
        assertThat(run.output()).as("JFR's registry was loaded: some event type was made without a recording")
                .doesNotContain(REGISTRY);
    }

    @Test
    void controlWithARecordingOnTheCommandLineJfrIsLoaded() {
        ChildJvmRun run = ChildJvmRun.of(NoRecordingChild.class, "-Xlog:class+load=info",
                "-XX:StartFlightRecording:settings=none", "-Xlog:jfr=off");
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("jfrInitialized=true", REGISTRY);
    }
}
