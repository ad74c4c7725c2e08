package org.lle.memory.monitoring;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/** Runs a workload inside a JFR recording and reads back the lle-memory events it wrote. */
final class JfrCapture {
    /** The workload; may throw, the recording is stopped either way. */
    interface Workload {
        void run() throws Exception;
    }

    private JfrCapture() {
    }

    /** @return the {@code org.lle.memory.*} events recorded under {@code configuration} while {@code work} ran */
    static List<RecordedEvent> lleEvents(Configuration configuration, Workload work) throws Exception {
        Path file = Files.createTempFile("lle-events-", ".jfr");
        try {
            try (Recording recording = new Recording(configuration)) {
                recording.start();
                try {
                    work.run();
                } finally {
                    recording.stop();
                    recording.dump(file);
                }
            }
            return RecordingFile.readAllEvents(file).stream()
                    .filter(e -> e.getEventType().getName().startsWith(LleMBeans.DOMAIN + "."))
                    .collect(Collectors.toList());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** @return the events of one type, in commit order */
    static List<RecordedEvent> named(List<RecordedEvent> events, String name) {
        return events.stream().filter(e -> e.getEventType().getName().equals(name)).collect(Collectors.toList());
    }

    static Configuration jdkDefault() throws IOException {
        try {
            return Configuration.getConfiguration("default");
        } catch (java.text.ParseException e) {
            throw new IOException(e);
        }
    }
}
