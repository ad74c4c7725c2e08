package org.lle.memory.secure.posix.internal.prompt;

/** What one typed byte means to the prompt, once {@link KeyDecoder} has seen it. */
enum Key {
    /** A byte of text (printable ASCII or any byte of a multi-byte UTF-8 character): goes into the line. */
    TEXT,
    /** Part of an escape sequence not finished yet: nothing to do until the next byte. */
    PENDING,
    /** A control byte or escape sequence the prompt has no use for. */
    IGNORED,
    ENTER,
    /** Ctrl-D: end of input on an empty line, otherwise delete after the cursor. */
    CTRL_D,
    CANCEL,
    BACKSPACE,
    DELETE,
    LEFT,
    RIGHT,
    HOME,
    END,
    DELETE_TO_START,
    DELETE_TO_END,
    DELETE_WORD_BEFORE
}
