package io.dropclass.cli;

/** A mistake of the user (an option, a file, a value): reported in one line, exit code 2. */
final class UserError extends RuntimeException {

    UserError(String message) {
        super(message);
    }
}
