package dev.herald.core;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The validated values of {@link CoreConfig}, with the Karaf directories resolved.
 *
 * @param storeDirectory    where the embedded store lives
 * @param fsync             whether journal commits are forced to disk
 * @param cacheMegabytes    the store's page cache
 * @param dedupeMaxIds      event ids remembered per source instance
 * @param dedupeMaxAge      how long an event id is remembered
 * @param recentEvents      size of the ring of recent events
 * @param historySize       size of the delivery history
 * @param quarantineSize    records kept in quarantine
 * @param maxAttempts       attempts before dead-lettering
 * @param maxAge            age after which a failing delivery is dead-lettered
 * @param backoffInitial    wait before the first retry
 * @param backoffMax        longest wait between retries
 * @param templatesDirectory user templates
 */
public record CoreSettings(Path storeDirectory, boolean fsync, int cacheMegabytes, long dedupeMaxIds,
                           Duration dedupeMaxAge, int recentEvents, int historySize, int quarantineSize,
                           int maxAttempts, Duration maxAge, Duration backoffInitial, Duration backoffMax,
                           Path templatesDirectory) {

    /** Validates and resolves a configuration; names the property and the fix when a value is wrong. */
    public static CoreSettings from(CoreConfig c) {
        positive("store.cache.mb", c.store_cache_mb());
        positive("dedupe.max.ids", c.dedupe_max_ids());
        positive("dedupe.max.age.hours", c.dedupe_max_age_hours());
        positive("recent.events", c.recent_events());
        positive("history.size", c.history_size());
        positive("quarantine.size", c.quarantine_size());
        positive("delivery.max.attempts", c.delivery_max_attempts());
        positive("delivery.max.age.minutes", c.delivery_max_age_minutes());
        positive("delivery.backoff.initial.ms", c.delivery_backoff_initial_ms());
        if (c.delivery_backoff_max_ms() < c.delivery_backoff_initial_ms()) {
            throw new IllegalArgumentException("delivery.backoff.max.ms (" + c.delivery_backoff_max_ms()
                    + ") must be at least delivery.backoff.initial.ms (" + c.delivery_backoff_initial_ms() + ")");
        }
        return new CoreSettings(
                directory(c.store_directory(), "karaf.data", "data", "herald"),
                c.store_fsync(), c.store_cache_mb(), c.dedupe_max_ids(),
                Duration.ofHours(c.dedupe_max_age_hours()), c.recent_events(), c.history_size(),
                c.quarantine_size(), c.delivery_max_attempts(),
                Duration.ofMinutes(c.delivery_max_age_minutes()),
                Duration.ofMillis(c.delivery_backoff_initial_ms()),
                Duration.ofMillis(c.delivery_backoff_max_ms()),
                directory(c.templates_directory(), "karaf.etc", "etc", "herald/templates"));
    }

    private static Path directory(String configured, String karafProperty, String fallback, String below) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.trim());
        }
        String base = System.getProperty(karafProperty);
        return Path.of(base == null || base.isBlank() ? fallback : base).resolve(below);
    }

    private static void positive(String property, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(property + " must be greater than 0, was " + value);
        }
    }
}
