package dev.herald.core.admin;

import dev.herald.api.secret.SecretKeys;
import java.lang.reflect.Array;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns configuration properties into displayable settings: internal properties are left out,
 * and every secret (a Metatype PASSWORD attribute, or a name that {@link SecretKeys} says is
 * secret, so that a plugin that is not installed keeps its secrets too) shows as {@code ****}.
 */
final class SecretMasker {
    static final String MASK = "****";
    private static final Set<String> INTERNAL = Set.of("service.pid", "service.factoryPid", "service.bundleLocation",
            "felix.fileinstall.filename", "webconsole.configurationFactory.nameHint");

    private SecretMasker() {
    }

    static Map<String, String> mask(Map<String, ?> props, Set<String> passwordAttributes) {
        Map<String, String> out = new TreeMap<>();
        props.forEach((k, v) -> {
            if (!INTERNAL.contains(k) && !k.startsWith("component.") && !k.startsWith(".")) {
                out.put(k, passwordAttributes.contains(k) || SecretKeys.looksSecret(k) ? MASK : text(v));
            }
        });
        return out;
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
