package org.lle.memory.secure.line;

/** How a {@link SecretPrompt} ended. */
public enum PromptOutcome {
    /** Enter was pressed, or the input ended after some text: the line holds what was typed. */
    COMPLETED,
    /** Ctrl-C or Escape: the line was wiped and is empty. */
    CANCELLED,
    /** The input ended with nothing typed (Ctrl-D on an empty line, end of a stream): the line is empty. */
    END_OF_INPUT,
    /** The timeout passed before Enter: the line was wiped and is empty. */
    TIMED_OUT
}
