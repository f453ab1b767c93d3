package io.dropclass.data.validation;

/**
 * A sample that turned out unusable only when it was read, after the split scan had passed it (the
 * scan decodes the first pairs in full, the others when training or evaluation reads them). The
 * message is one line naming the file, the problem and the fix; it is a mistake in the user's data,
 * not in the program. Unchecked because {@link io.dropclass.data.SegmentationDataset#get(int)}
 * declares no checked exception; an {@link IllegalStateException} so that callers written against
 * that contract keep working.
 */
public final class InvalidSampleException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the file, what is wrong with it and what to do
     * @param cause the read or decode failure
     */
    public InvalidSampleException(String message, Throwable cause) {
        super(message, cause);
    }
}
