package dev.herald.sink.syslog;

import java.util.List;
import java.util.Locale;

/** Syslog facility codes (RFC 5424 table 1), read from a name ({@code local4}) or a number (0–23). */
final class Facility {
    private static final List<String> NAMES = List.of("kern", "user", "mail", "daemon", "auth", "syslog", "lpr",
            "news", "uucp", "cron", "authpriv", "ftp", "ntp", "audit", "alert", "clock",
            "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7");

    private Facility() {
    }

    /** The facility code for the {@code facility} setting. */
    static int code(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        int byName = NAMES.indexOf(v.equals("security") ? "auth" : v);
        if (byName >= 0) {
            return byName;
        }
        try {
            int number = Integer.parseInt(v);
            if (number >= 0 && number < NAMES.size()) {
                return number;
            }
        } catch (NumberFormatException e) {
            // not a number either: reported below
        }
        throw new IllegalArgumentException("facility '" + value + "' is not a syslog facility: use a name such as"
                + " local0 … local7, auth, authpriv, or a number from 0 to 23");
    }
}
