package dev.herald.core;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration {@code dev.herald.core}: the store, delivery retries and templates. */
@ObjectClassDefinition(name = "Herald core",
        description = "The embedded store, delivery retries and the templates directory")
public @interface CoreConfig {
    String PID = "dev.herald.core";

    @AttributeDefinition(name = "Store directory",
            description = "Where the embedded store lives; empty: ${karaf.data}/herald")
    String store__directory() default "";

    @AttributeDefinition(name = "Fsync",
            description = "Force every journal commit to disk before a source is told its batch is safe")
    boolean store__fsync() default true;

    @AttributeDefinition(name = "Store cache (MiB)", description = "Page cache of the embedded store: the pages"
            + " of its indexes read last. Small on purpose: every page written passes through it, and a larger"
            + " cache keeps more of them on the heap for the collector to clear")
    int store__cache__mb() default 2;

    @AttributeDefinition(name = "Dedupe ids kept",
            description = "Event ids remembered per source instance; each takes 8 to 16 bytes of memory")
    long dedupe__max__ids() default 1_000_000;

    @AttributeDefinition(name = "Dedupe retention (hours)", description = "How long an event id is remembered")
    long dedupe__max__age__hours() default 168;

    @AttributeDefinition(name = "Event retention (hours)",
            description = "How long received events stay in the store's event log (the journal herald:events"
                    + " shows); events that a pending delivery or a dead letter needs stay longer")
    long event__retention__hours() default 24;

    @AttributeDefinition(name = "Event retention (MiB)",
            description = "Most space the event log takes on disk (compressed); beyond it the oldest events"
                    + " leave first, except those a pending delivery or a dead letter needs")
    long event__retention__mb() default 1024;

    @AttributeDefinition(name = "Recent events",
            description = "How many of the newest logged events herald:events and the web console search")
    int recent__events() default 10_000;

    @AttributeDefinition(name = "Delivery history", description = "Delivery attempts kept for herald:status")
    int history__size() default 1_000;

    @AttributeDefinition(name = "Quarantine size", description = "Unreadable records kept; the oldest are dropped")
    int quarantine__size() default 100_000;

    @AttributeDefinition(name = "Dead letters per sink",
            description = "Dead letters kept for each sink; beyond it the oldest are dropped and counted"
                    + " (herald:sinks and herald:status show how many)")
    int dead__letter__max__per__sink() default 10_000;

    @AttributeDefinition(name = "Max attempts", description = "Attempts before a delivery is dead-lettered")
    int delivery__max__attempts() default 12;

    @AttributeDefinition(name = "Max age (minutes)",
            description = "Age after which a failing delivery is dead-lettered, even while its sink is paused"
                    + " by a long Retry-After")
    long delivery__max__age__minutes() default 1440;

    @AttributeDefinition(name = "Initial backoff (ms)", description = "Wait before the first retry")
    long delivery__backoff__initial__ms() default 2_000;

    @AttributeDefinition(name = "Max backoff (ms)",
            description = "Longest wait between retries; a longer Retry-After asked by a peer is cut to this")
    long delivery__backoff__max__ms() default 300_000;

    @AttributeDefinition(name = "Templates directory",
            description = "User templates; empty: ${karaf.etc}/herald/templates")
    String templates__directory() default "";
}
