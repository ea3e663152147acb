package dev.herald.sink.mail;

import jakarta.mail.internet.InternetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Who receives a route's mail: the sink's {@code to} and {@code cc}, unless {@code route_to} /
 * {@code route_cc} name the route with a list of their own.
 */
final class Recipients {
    private final List<InternetAddress> to;
    private final List<InternetAddress> cc;
    private final Map<String, List<InternetAddress>> routeTo;
    private final Map<String, List<InternetAddress>> routeCc;

    private Recipients(List<InternetAddress> to, List<InternetAddress> cc, Map<String, List<InternetAddress>> routeTo,
                       Map<String, List<InternetAddress>> routeCc) {
        this.to = to;
        this.cc = cc;
        this.routeTo = routeTo;
        this.routeCc = routeCc;
    }

    /** Parses and validates the four settings; throws IllegalArgumentException naming the faulty one. */
    static Recipients of(String[] to, String[] cc, String[] routeTo, String[] routeCc) {
        List<InternetAddress> defaultTo = Addresses.parse("to", to);
        if (defaultTo.isEmpty()) {
            throw new IllegalArgumentException("to is required: the address(es) every mail goes to, e.g."
                    + " secops@example.com (route_to can change them for one route)");
        }
        return new Recipients(defaultTo, Addresses.parse("cc", cc), overrides("route_to", routeTo, true),
                overrides("route_cc", routeCc, false));
    }

    List<InternetAddress> to(String route) {
        return routeTo.getOrDefault(route, to);
    }

    List<InternetAddress> cc(String route) {
        return routeCc.getOrDefault(route, cc);
    }

    /** Entries {@code <route>=<addresses>}; in a .cfg file several entries are separated by line breaks (\n). */
    private static Map<String, List<InternetAddress>> overrides(String property, String[] entries, boolean required) {
        Map<String, List<InternetAddress>> result = new HashMap<>();
        for (String value : entries == null ? new String[0] : entries) {
            for (String entry : value == null ? new String[0] : value.split("\\R")) {
                if (entry.isBlank()) {
                    continue;
                }
                int eq = entry.indexOf('=');
                String route = eq < 0 ? "" : entry.substring(0, eq).trim();
                if (route.isEmpty()) {
                    throw new IllegalArgumentException(property + ": '" + entry.trim() + "' must be"
                            + " <route name>=<address>[,<address>...], e.g. iam-changes=cloud-team@example.com");
                }
                List<InternetAddress> addresses = Addresses.parse(property + " (route " + route + ")",
                        entry.substring(eq + 1));
                if (required && addresses.isEmpty()) {
                    throw new IllegalArgumentException(property + ": route '" + route + "' lists no address: give"
                            + " at least one, or remove the entry to use the sink's default");
                }
                if (result.put(route, addresses) != null) {
                    throw new IllegalArgumentException(property + ": route '" + route + "' appears twice: merge"
                            + " the addresses into one entry");
                }
            }
        }
        return Map.copyOf(result);
    }
}
