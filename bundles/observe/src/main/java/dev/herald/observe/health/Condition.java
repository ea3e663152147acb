package dev.herald.observe.health;

/**
 * What state a source, a sink, the store or the configuration is in, as Herald's health checks
 * and self-alerts see it. Each condition has the health level it reports.
 */
public enum Condition {
    /** Nothing to report. */
    OK(Level.OK),
    /** A source reported a problem that keeps it from reading (access denied, unreachable host). */
    SOURCE_PROBLEM(Level.WARN),
    /** A plugin's configuration, or a route's, was rejected. */
    CONFIG_INVALID(Level.WARN),
    /** Routes name a sink that is not installed: its entries wait. */
    SINK_ABSENT(Level.WARN),
    /** The sink's last attempt failed and entries wait: it backs off before the next attempt. */
    SINK_PAUSED(Level.WARN),
    /** The sink's last {@link Assessor#DEAD_RUN} attempts were all dead-lettered. */
    SINK_DEAD_LETTERING(Level.CRITICAL),
    /** The store cannot be read. */
    STORE_FAILING(Level.CRITICAL);

    /** The health levels, in the order of Felix's {@code Result.Status}. */
    public enum Level { OK, WARN, CRITICAL }

    private final Level level;

    Condition(Level level) {
        this.level = level;
    }

    public Level level() {
        return level;
    }
}
