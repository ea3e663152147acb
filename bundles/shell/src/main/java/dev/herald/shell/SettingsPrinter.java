package dev.herald.shell;

import java.io.PrintStream;
import java.util.Map;

/** Prints a plugin instance's settings for {@code -v}, every value passed through {@link SecretMask}. */
final class SettingsPrinter {

    private SettingsPrinter() {
    }

    /**
     * @param title what the settings belong to, e.g. {@code soc (webhook)}
     * @param notes what to say before the settings, e.g. {@code error: url is missing}; null
     *              entries are skipped
     */
    static void print(PrintStream out, String title, Map<String, String> settings, String... notes) {
        out.println();
        out.println(title);
        for (String note : notes) {
            if (note != null) {
                out.println("  " + note);
            }
        }
        Map<String, String> masked = SecretMask.settings(settings);
        if (masked.isEmpty()) {
            out.println("  (no settings)");
        }
        masked.forEach((key, value) -> out.println("  " + key + " = " + value));
    }

    /** {@code label: value}, or null when there is no value. */
    static String note(String label, String value) {
        return value == null ? null : label + ": " + value;
    }
}
