package dev.herald.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A UTC clock that tests move by hand; safe to read from the threads of the code under test. Core
 * keeps its own: the test kit renders templates with core, so core's tests cannot depend on it.
 */
public final class MutableClock extends Clock {
    private volatile Instant now;

    /** A clock standing at {@code now}. */
    public MutableClock(Instant now) {
        this.now = now;
    }

    /** Moves the clock forward by {@code by}. */
    public void advance(Duration by) {
        now = now.plus(by);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** This clock itself: tests read instants, and one clock keeps them all moving together. */
    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
