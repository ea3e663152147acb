package dev.herald.sink.syslog;

import dev.herald.api.Severity;

/** Herald's severity as a syslog severity code (RFC 5424 table 2). */
final class SyslogSeverity {
    private SyslogSeverity() {
    }

    /** critical → 2 (crit), high → 3 (err), medium → 4 (warning), low → 5 (notice), info → 6 (info). */
    static int code(Severity severity) {
        return switch (severity) {
            case CRITICAL -> 2;
            case HIGH -> 3;
            case MEDIUM -> 4;
            case LOW -> 5;
            case INFO -> 6;
        };
    }
}
