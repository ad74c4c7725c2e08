package org.lle.memory.shell.internal;

import java.io.PrintStream;

/**
 * One line of {@code lle:doctor}.
 *
 * @param level how it stands
 * @param topic what was checked
 * @param fact what the machine says, with the source file
 * @param fix the concrete thing to do (or what keeps it this way when it is fine)
 */
record Finding(Level level, String topic, String fact, String fix) {

    enum Level {
        OK, INFO, WARN
    }

    static Finding ok(String topic, String fact, String fix) {
        return new Finding(Level.OK, topic, fact, fix);
    }

    static Finding info(String topic, String fact, String fix) {
        return new Finding(Level.INFO, topic, fact, fix);
    }

    static Finding warn(String topic, String fact, String fix) {
        return new Finding(Level.WARN, topic, fact, fix);
    }

    void print(PrintStream out) {
        out.printf("[%-4s] %s: %s%n", level, topic, fact);
        out.println("       " + (level == Level.WARN ? "fix: " : "note: ") + fix);
    }
}
