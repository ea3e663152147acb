package dev.herald.shell;

import java.util.Collection;
import java.util.TreeSet;

/** Validates a name the operator typed against the names Herald knows. */
final class KnownNames {

    private KnownNames() {
    }

    /**
     * The name, when known.
     *
     * @param what  {@code sink}, {@code source}, {@code route}
     * @throws IllegalArgumentException naming the known ones (or saying there are none)
     */
    static String require(String what, String name, Collection<String> known) {
        if (known.contains(name)) {
            return name;
        }
        throw new IllegalArgumentException(known.isEmpty()
                ? "unknown " + what + " '" + name + "': no " + what + "s are configured"
                : "unknown " + what + " '" + name + "'; known " + what + "s: " + String.join(", ", new TreeSet<>(known)));
    }
}
