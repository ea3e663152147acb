package dev.herald.sink.mail;

import java.util.Locale;

/** How the connection to the SMTP server is protected, with the port each way uses by default. */
enum Security {
    /** Plain connection upgraded with STARTTLS; the sink refuses to go on without it. */
    STARTTLS(587),
    /** TLS from the first byte (implicit TLS, "SMTPS"). */
    SMTPS(465),
    /** No TLS at all: only for a relay on the same host or a trusted network. */
    NONE(25);

    private final int defaultPort;

    Security(int defaultPort) {
        this.defaultPort = defaultPort;
    }

    int defaultPort() {
        return defaultPort;
    }

    boolean usesTls() {
        return this != NONE;
    }

    static Security parse(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "", "starttls" -> STARTTLS;
            case "smtps" -> SMTPS;
            case "none" -> NONE;
            default -> throw new IllegalArgumentException("security '" + value + "' is not supported: use starttls"
                    + " (port 587), smtps (port 465) or none (port 25, no encryption)");
        };
    }
}
