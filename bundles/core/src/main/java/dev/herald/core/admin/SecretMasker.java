package dev.herald.core.admin;

import java.lang.reflect.Array;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Turns configuration properties into displayable settings: internal properties are left out,
 * and every secret (a Metatype PASSWORD attribute, or a name that says secret) shows as {@code ****}.
 */
final class SecretMasker {
    static final String MASK = "****";
    private static final Pattern SECRET_NAME = Pattern.compile("password|secret|token|key|credential|hmac");
    private static final Set<String> INTERNAL = Set.of("service.pid", "service.factoryPid", "service.bundleLocation",
            "felix.fileinstall.filename", "webconsole.configurationFactory.nameHint");

    private SecretMasker() {
    }

    static Map<String, String> mask(Map<String, ?> props, Set<String> passwordAttributes) {
        Map<String, String> out = new TreeMap<>();
        props.forEach((k, v) -> {
            if (!INTERNAL.contains(k) && !k.startsWith("component.") && !k.startsWith(".")) {
                out.put(k, passwordAttributes.contains(k) || isSecretName(k) ? MASK : text(v));
            }
        });
        return out;
    }

    static boolean isSecretName(String property) {
        return SECRET_NAME.matcher(property.toLowerCase(Locale.ROOT)).find();
    }

    private static String text(Object v) {
        if (v == null || !v.getClass().isArray()) {
            return String.valueOf(v);
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Array.getLength(v); i++) {
            b.append(i == 0 ? "" : ", ").append(Array.get(v, i));
        }
        return b.toString();
    }
}
