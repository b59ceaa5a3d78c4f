package io.prunescope.cli;

/** A problem with what the user gave (files, options): exit code 2 and one line on stderr, no stack trace. */
final class BadInput extends RuntimeException {

    BadInput(String message) {
        super(message);
    }

    BadInput(String message, Throwable cause) {
        super(message, cause);
    }
}
