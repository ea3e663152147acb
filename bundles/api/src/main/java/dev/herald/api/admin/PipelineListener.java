package dev.herald.api.admin;

import java.time.Duration;

/**
 * Told by core, as it happens, of each committed journal batch and each accepted delivery: what
 * the counters cannot show, how long things took. Register one as an OSGi service (the metrics
 * endpoint does); calls come from core's writer and sink threads, so keep them short and never
 * block. A listener that throws is logged and otherwise ignored.
 */
public interface PipelineListener {

    /**
     * A source's batch is durable.
     *
     * @param sourceInstance the source instance that appended it
     * @param fresh          how many of its events were new
     * @param took           from the call to {@code Journal.append} until the commit
     */
    void committed(String sourceInstance, int fresh, Duration took);

    /**
     * A sink accepted an entry, and that outcome is committed (a delivery whose outcome could not
     * be committed is sent again, and told when that one is).
     *
     * @param sink    the sink
     * @param latency from the commit of the event in the journal until the sink accepted it
     */
    void delivered(String sink, Duration latency);
}
