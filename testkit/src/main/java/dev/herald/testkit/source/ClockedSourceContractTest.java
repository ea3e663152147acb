package dev.herald.testkit.source;

import dev.herald.api.source.PollLoop;
import dev.herald.testkit.CloseAfterEach;
import dev.herald.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@link SourceContractTest source contract} for a source that polls an API on a clock of its
 * own (a time window, a pause after a failure), such as CloudTrail, Security Hub or the PCE. The
 * test class connects the source's poller to an emulated input once before each test ({@link
 * #connect}), on {@link #clock}; {@link #poll} then moves the clock past any pause and polls once.
 * What the test opens it hands to {@link #opened}, which closes it after each test.
 */
public abstract class ClockedSourceContractTest extends SourceContractTest {
    /** Further than any pause a source takes after a failure, so that each poll really polls. */
    private static final Duration PAST_ANY_PAUSE = Duration.ofMinutes(10);

    /** Closes the emulator, clients and whatever else the test opened, after each test. */
    @RegisterExtension
    protected final CloseAfterEach opened = new CloseAfterEach();

    /** The source's clock; it stands still but for {@link #poll}. */
    protected final MutableClock clock = new MutableClock(Instant.parse("2026-11-03T12:00:00Z"));

    private PollLoop.Poll poller;

    /**
     * Builds the source's poller on {@link #journal} and {@link #clock}, reading the emulated input.
     *
     * @return one poll of the source, as its {@link PollLoop} would run it
     */
    protected abstract PollLoop.Poll connect() throws Exception;

    @BeforeEach
    void connectSource() throws Exception {
        poller = connect();
    }

    /** Polls once, after the pause that follows a failure. */
    @Override
    protected final void poll() throws InterruptedException {
        clock.advance(PAST_ANY_PAUSE);
        poller.poll();
    }
}
