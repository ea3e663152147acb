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
 * @param recentEvents      how many of the newest logged events the shell searches
 * @param historySize       size of the delivery history
 * @param quarantineSize    records kept in quarantine
 * @param maxAttempts       attempts before dead-lettering
 * @param maxAge            age after which a failing delivery is dead-lettered
 * @param backoffInitial    wait before the first retry
 * @param backoffMax        longest wait between retries
 * @param templatesDirectory user templates
 * @param deadLetterMaxPerSink dead letters kept per sink; the oldest are dropped (and counted)
 * @param eventRetention    how long events stay in the event log once nothing needs them
 * @param eventRetentionBytes most bytes the event log takes on disk; the oldest leave first
 */
public record CoreSettings(Path storeDirectory, boolean fsync, int cacheMegabytes, long dedupeMaxIds,
                           Duration dedupeMaxAge, int recentEvents, int historySize, int quarantineSize,
                           int maxAttempts, Duration maxAge, Duration backoffInitial, Duration backoffMax,
                           Path templatesDirectory, int deadLetterMaxPerSink, Duration eventRetention,
                           long eventRetentionBytes) {

    /** Validates and resolves a configuration; names the property and the fix when a value is wrong. */
    public static CoreSettings from(CoreConfig c) {
        positive("store_cache_mb", c.store__cache__mb());
        positive("dedupe_max_ids", c.dedupe__max__ids());
        positive("dedupe_max_age_hours", c.dedupe__max__age__hours());
        positive("event_retention_hours", c.event__retention__hours());
        positive("event_retention_mb", c.event__retention__mb());
        positive("recent_events", c.recent__events());
        positive("history_size", c.history__size());
        positive("quarantine_size", c.quarantine__size());
        positive("dead_letter_max_per_sink", c.dead__letter__max__per__sink());
        positive("delivery_max_attempts", c.delivery__max__attempts());
        positive("delivery_max_age_minutes", c.delivery__max__age__minutes());
        positive("delivery_backoff_initial_ms", c.delivery__backoff__initial__ms());
        if (c.delivery__backoff__max__ms() < c.delivery__backoff__initial__ms()) {
            throw new IllegalArgumentException("delivery_backoff_max_ms (" + c.delivery__backoff__max__ms()
                    + ") must be at least delivery_backoff_initial_ms (" + c.delivery__backoff__initial__ms() + ")");
        }
        return new CoreSettings(
                directory(c.store__directory(), "karaf.data", "data", "herald"),
                c.store__fsync(), c.store__cache__mb(), c.dedupe__max__ids(),
                Duration.ofHours(c.dedupe__max__age__hours()), c.recent__events(), c.history__size(),
                c.quarantine__size(), c.delivery__max__attempts(),
                Duration.ofMinutes(c.delivery__max__age__minutes()),
                Duration.ofMillis(c.delivery__backoff__initial__ms()),
                Duration.ofMillis(c.delivery__backoff__max__ms()),
                directory(c.templates__directory(), "karaf.etc", "etc", "herald/templates"),
                c.dead__letter__max__per__sink(), Duration.ofHours(c.event__retention__hours()),
                c.event__retention__mb() << 20);
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
