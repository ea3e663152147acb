package dev.herald.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CoreSettingsTest {
    /** A configuration with the defaults except the given attributes (by Java method name: {@code __} is {@code _}). */
    private static CoreConfig config(Map<String, Object> values) {
        return (CoreConfig) Proxy.newProxyInstance(CoreConfig.class.getClassLoader(), new Class<?>[] {CoreConfig.class},
                (p, m, a) -> values.containsKey(m.getName()) ? values.get(m.getName()) : m.getDefaultValue());
    }

    @Test
    void defaultsFollowKarafDirectories() {
        String data = System.getProperty("karaf.data");
        String etc = System.getProperty("karaf.etc");
        try {
            System.setProperty("karaf.data", "/opt/herald/data");
            System.setProperty("karaf.etc", "/opt/herald/etc");
            CoreSettings s = CoreSettings.from(config(Map.of()));
            assertEquals(Path.of("/opt/herald/data/herald"), s.storeDirectory());
            assertEquals(Path.of("/opt/herald/etc/herald/templates"), s.templatesDirectory());
            assertTrue(s.fsync());
            assertEquals(12, s.maxAttempts());
            assertEquals(Duration.ofDays(7), s.dedupeMaxAge());
            assertEquals(Duration.ofHours(24), s.maxAge());
            System.clearProperty("karaf.data");
            assertEquals(Path.of("data/herald"), CoreSettings.from(config(Map.of())).storeDirectory());
        } finally {
            restore("karaf.data", data);
            restore("karaf.etc", etc);
        }
    }

    @Test
    void configuredValuesWin() {
        CoreSettings s = CoreSettings.from(config(Map.of("store__directory", "/var/herald", "store__fsync", false,
                "delivery__backoff__initial__ms", 500L)));
        assertEquals(Path.of("/var/herald"), s.storeDirectory());
        assertEquals(Duration.ofMillis(500), s.backoffInitial());
        assertTrue(!s.fsync());
    }

    @Test
    void invalidValuesNameTheProperty() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CoreSettings.from(config(Map.of("delivery__max__attempts", 0))));
        assertTrue(e.getMessage().startsWith("delivery_max_attempts must be greater than 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> CoreSettings.from(config(Map.of("delivery__backoff__max__ms", 10L))));
        assertTrue(e.getMessage().contains("delivery_backoff_max_ms"), e.getMessage());
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
