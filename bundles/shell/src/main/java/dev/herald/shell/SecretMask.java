package dev.herald.shell;

import dev.herald.api.secret.SecretKeys;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks anything that looks like a secret before a setting is printed. Core already masks the
 * settings it knows are passwords; this is the second line of defence for plugins that forgot
 * to declare one, so it errs on the side of masking: names from Herald's one list
 * ({@link SecretKeys}), and secrets embedded in other values.
 */
final class SecretMask {

    static final String MASK = "****";

    /** {@code name=value} or {@code name: value} inside a value, e.g. a header list or a query. */
    private static final Pattern SECRET_PAIR = Pattern.compile("(?i)([\\w.-]*(?:" + SecretKeys.SECRET_WORDS
            + ")[\\w.-]*)(\\s*[=:]\\s*)([^\\s,;&]+(?: [^\\s,;&]+)?)");

    /** The password of {@code scheme://user:password@host}. */
    private static final Pattern URL_USERINFO = Pattern.compile("(://[^/:@\\s]+:)[^@\\s/]+@");

    private SecretMask() {
    }

    /** Whether a setting's name suggests that its value is a secret. */
    static boolean isSecretKey(String key) {
        return SecretKeys.looksSecret(key);
    }

    /** The value safe to print: masked whole for a secret key, else with embedded secrets masked. */
    static String value(String key, String value) {
        if (value == null) {
            return "";
        }
        if (isSecretKey(key)) {
            return MASK;
        }
        String masked = URL_USERINFO.matcher(value).replaceAll("$1" + MASK + "@");
        return SECRET_PAIR.matcher(masked).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + m.group(2) + MASK));
    }

    /** Settings sorted by name, every value passed through {@link #value}. */
    static Map<String, String> settings(Map<String, String> settings) {
        Map<String, String> masked = new TreeMap<>();
        if (settings != null) {
            settings.forEach((k, v) -> masked.put(k, value(k, v)));
        }
        return masked;
    }
}
