package io.dropclass.cli;

import io.dropclass.config.MethodConfig;
import java.util.Arrays;
import java.util.Iterator;

/** The configured methods' names, for the help of {@code --method}: the registry's own list. */
final class MethodNames implements Iterable<String> {

    @Override
    public Iterator<String> iterator() {
        return Arrays.stream(MethodConfig.Name.values()).map(MethodConfig.Name::key).iterator();
    }
}
