package dev.herald.core;

import java.lang.reflect.Proxy;
import java.nio.file.Path;

/** Core settings for tests: every default, with the store and templates under a test directory. */
public final class TestSettings {
    /** A configuration whose every attribute has its default value. */
    private static final CoreConfig DEFAULTS = (CoreConfig) Proxy.newProxyInstance(CoreConfig.class.getClassLoader(),
            new Class<?>[] {CoreConfig.class}, (proxy, method, args) -> method.getDefaultValue());

    private TestSettings() {
    }

    public static CoreSettings defaults(Path directory) {
        CoreSettings d = CoreSettings.from(DEFAULTS);
        return new CoreSettings(directory, d.fsync(), d.cacheMegabytes(), d.dedupeMaxIds(), d.dedupeMaxAge(),
                d.recentEvents(), d.historySize(), d.quarantineSize(), d.maxAttempts(), d.maxAge(),
                d.backoffInitial(), d.backoffMax(), directory.resolve("templates"), d.deadLetterMaxPerSink(), d.eventRetention(), d.eventRetentionBytes());
    }

    /** As {@link #defaults}, keeping {@code size} deliveries in the history. */
    public static CoreSettings withHistorySize(Path directory, int size) {
        CoreSettings d = defaults(directory);
        return new CoreSettings(directory, d.fsync(), d.cacheMegabytes(), d.dedupeMaxIds(), d.dedupeMaxAge(),
                d.recentEvents(), size, d.quarantineSize(), d.maxAttempts(), d.maxAge(), d.backoffInitial(),
                d.backoffMax(), d.templatesDirectory(), d.deadLetterMaxPerSink(), d.eventRetention(),
                d.eventRetentionBytes());
    }
}
