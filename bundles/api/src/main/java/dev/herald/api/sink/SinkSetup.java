package dev.herald.api.sink;

import java.util.function.Supplier;

/**
 * The start of every sink's constructor: checks the settings every sink has and gives the sink's
 * identity to the errors that follow, so that {@code herald:status} says which sink a bad setting
 * belongs to ({@code "webhook sink 'siem': url is required: …"}).
 *
 * <pre>{@code
 * SinkSetup setup = SinkSetup.of("acme", config.name(), config.rate());   // name required, rate >= 0
 * this.url = setup.check(() -> HttpUrl.of("url", config.url()).parse());
 * }</pre>
 */
public final class SinkSetup {
    private final String kind;
    private final String name;
    private final double rate;

    private SinkSetup(String kind, String name, double rate) {
        this.kind = kind;
        this.name = name;
        this.rate = rate;
    }

    /**
     * Checks the settings every sink has, {@code name} ({@link dev.herald.api.Sink#NAME}) and
     * {@code rate} ({@link dev.herald.api.Sink#RATE}, messages per second, 0 for no limit; pass 0
     * for a sink without the setting), for a sink of {@code kind} (the factory PID after {@code
     * dev.herald.sink.}).
     *
     * @throws IllegalArgumentException when the name is missing or the rate is negative, naming the
     *                                  property and what to write
     */
    public static SinkSetup of(String kind, String name, double rate) {
        String trimmed = name == null ? "" : name.trim();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException(kind + " sink: name is required: routes refer to the sink by it");
        }
        SinkSetup setup = new SinkSetup(kind, trimmed, rate);
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw setup.invalid(new IllegalArgumentException("rate must be 0 (no limit) or a positive number of"
                    + " messages per second; was " + (rate == Math.rint(rate) ? String.valueOf((long) rate) : rate)));
        }
        return setup;
    }

    /** The sink's kind, e.g. {@code webhook}. */
    public String kind() {
        return kind;
    }

    /** The sink's configured name, trimmed. */
    public String name() {
        return name;
    }

    /** Messages per second, 0 for no limit. */
    public double rate() {
        return rate;
    }

    /** {@code "<kind> sink '<name>'"}, the way errors and log lines name this sink. */
    public String describe() {
        return kind + " sink '" + name + "'";
    }

    /** The value {@code check} computes; an {@link IllegalArgumentException} it throws gets the sink's identity. */
    public <T> T check(Supplier<T> check) {
        try {
            return check.get();
        } catch (IllegalArgumentException e) {
            throw invalid(e);
        }
    }

    /** {@code problem} prefixed with the sink's identity, for a constructor's own checks. */
    public IllegalArgumentException invalid(IllegalArgumentException problem) {
        return new IllegalArgumentException(describe() + ": " + problem.getMessage(), problem);
    }
}
