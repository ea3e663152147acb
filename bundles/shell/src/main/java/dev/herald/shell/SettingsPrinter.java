package dev.herald.shell;

import java.io.PrintStream;
import java.util.Map;

/** Prints a plugin instance's settings for {@code -v}, every value passed through {@link SecretMask}. */
final class SettingsPrinter {

    private SettingsPrinter() {
    }

    /**
     * @param title what the settings belong to, e.g. {@code soc (webhook)}
     * @param error why its configuration was rejected, or null
     */
    static void print(PrintStream out, String title, String error, Map<String, String> settings) {
        out.println();
        out.println(title);
        if (error != null) {
            out.println("  error: " + error);
        }
        Map<String, String> masked = SecretMask.settings(settings);
        if (masked.isEmpty()) {
            out.println("  (no settings)");
        }
        masked.forEach((key, value) -> out.println("  " + key + " = " + value));
    }
}
