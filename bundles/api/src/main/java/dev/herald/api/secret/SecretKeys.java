package dev.herald.api.secret;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Herald's one list of secret setting names. Core conceals the {@link #KNOWN} ones (with every
 * Metatype PASSWORD attribute) before a plugin's component sees them; core and the shell mask
 * every name that {@link #looksSecret looks secret} before a setting is shown, whether or not
 * the plugin that owns it is installed.
 */
public final class SecretKeys {
    /**
     * The settings that hold a credential wherever a Herald plugin has them. Core conceals them
     * even when the plugin's Metatype cannot be read, so a plugin must {@link Secrets#reveal}
     * every one of these it has (and declare it a PASSWORD attribute).
     */
    public static final Set<String> KNOWN = Set.of("token", "password", "webhook_url", "routing_key", "api_secret",
            "secret_access_key", "session_token", "header_secret", "hmac_secret");

    /**
     * Words that make a setting's name look secret, as a regular expression (case-insensitive,
     * found anywhere in the name): it errs on the side of masking, for plugins that forgot to
     * declare a password.
     */
    public static final String SECRET_WORDS =
            "pass|secret|token|key|credential|hmac|authoriz|cookie|private|signature|sas|dsn|webhook";

    private static final Pattern SECRET_NAME = Pattern.compile("(?i)" + SECRET_WORDS);

    private SecretKeys() {
    }

    /** Whether a setting's value must not be shown, judging by its name alone. */
    public static boolean looksSecret(String name) {
        return KNOWN.contains(name) || SECRET_NAME.matcher(name).find();
    }
}
