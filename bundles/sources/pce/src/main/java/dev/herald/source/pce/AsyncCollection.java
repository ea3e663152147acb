package dev.herald.source.pce;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.herald.http.HttpFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects every event of one time window through the PCE's asynchronous GET collection: the
 * events request with {@code Prefer: respond-async} answers {@code 202} with a job, the job is
 * polled as its {@code Retry-After} says until it is done, then its datafile is downloaded.
 *
 * <p>When the PCE cannot deliver the collection (it refuses async requests with 404/406, answers
 * without a job, the job fails or outlasts {@code async_timeout}), the answer is empty and the
 * caller splits the window instead. Any other failure is thrown: the poll commits nothing more.
 */
final class AsyncCollection {
    private static final Logger LOG = LoggerFactory.getLogger(AsyncCollection.class);
    /** Bounds on the wait between two job polls, whatever Retry-After says. */
    private static final Duration MIN_POLL_WAIT = Duration.ofSeconds(1);
    private static final Duration MAX_POLL_WAIT = Duration.ofMinutes(1);
    private static final int NOT_FOUND = 404;
    private static final int NOT_ACCEPTABLE = 406;
    private static final int TOO_MANY_REQUESTS = 429;

    private final PceSettings settings;
    private final PceClient client;
    private final Clock clock;
    private final RequestBudget.Sleeper sleeper;

    AsyncCollection(PceSettings settings, PceClient client, Clock clock, RequestBudget.Sleeper sleeper) {
        this.settings = settings;
        this.client = client;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /**
     * The events with {@code from <= timestamp <= to}, all of them.
     *
     * @return empty when the window has to be split instead (logged)
     */
    Optional<ArrayNode> collect(Instant from, Instant to)
            throws HttpFailure, MalformedResponseException, InterruptedException {
        Instant deadline = clock.instant().plus(settings.asyncTimeout());
        Optional<PceClient.Accepted> accepted;
        try {
            accepted = client.submitEvents(from, to);
        } catch (HttpFailure e) {
            int status = e.status().orElse(0);
            if (status != NOT_FOUND && status != NOT_ACCEPTABLE) {
                throw e;
            }
            return fallback("the PCE does not offer async collections (HTTP " + status + ")", from, to);
        }
        if (accepted.isEmpty()) {
            return fallback("the PCE answered an async collection request at once instead of with a job", from, to);
        }
        String job = accepted.get().jobHref();
        Duration wait = bounded(accepted.get().retryAfter());
        while (!clock.instant().plus(wait).isAfter(deadline)) {
            sleeper.sleep(wait);
            PceClient.JobState state;
            try {
                state = client.job(job);
            } catch (HttpFailure e) {
                if (e.status().orElse(0) != TOO_MANY_REQUESTS) {
                    throw e;
                }
                wait = bounded(e.retryAfter()); // the job runs on; only this poll came too early
                continue;
            }
            switch (state.status()) {
                case "done" -> {
                    return Optional.of(download(job, state, from, to));
                }
                case "failed" -> {
                    return fallback("the PCE's async job " + job + " failed", from, to);
                }
                case "pending", "running" -> wait = bounded(state.retryAfter());
                default -> throw new MalformedResponseException("the PCE's async job " + job
                        + " has the unknown status '" + state.status() + "'", null);
            }
        }
        return fallback("the PCE's async job " + job + " did not finish within async_timeout = "
                + settings.asyncTimeout().toSeconds() + " s", from, to);
    }

    private ArrayNode download(String job, PceClient.JobState state, Instant from, Instant to)
            throws HttpFailure, MalformedResponseException, InterruptedException {
        String result = state.resultHref().orElseThrow(() -> new MalformedResponseException(
                "the PCE's async job " + job + " is done without a result href", null));
        ArrayNode events = client.datafile(result);
        LOG.info("PCE source '{}': the async collection of {} to {} holds {} events", settings.name(), from, to,
                events.size());
        return events;
    }

    private Optional<ArrayNode> fallback(String why, Instant from, Instant to) {
        LOG.warn("PCE source '{}': {}; splitting {} to {} into smaller windows instead", settings.name(), why, from, to);
        return Optional.empty();
    }

    private static Duration bounded(Optional<Duration> retryAfter) {
        Duration wait = retryAfter.orElse(MIN_POLL_WAIT);
        if (wait.compareTo(MIN_POLL_WAIT) < 0) {
            return MIN_POLL_WAIT;
        }
        return wait.compareTo(MAX_POLL_WAIT) > 0 ? MAX_POLL_WAIT : wait;
    }
}
