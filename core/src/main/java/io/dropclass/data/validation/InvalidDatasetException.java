package io.dropclass.data.validation;

import java.io.IOException;

/** A dataset that failed validation in strict mode; the message is one line per problem kind. */
public final class InvalidDatasetException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong and what to do
     */
    public InvalidDatasetException(String message) {
        super(message);
    }
}
