package dev.herald.bench;

import java.util.SplittableRandom;

/**
 * Makes line {@code n} of a workload from its own random stream, so that any line can be made
 * again on its own and the same seed always gives the same file.
 */
interface LineGenerator {

    /** One generated line (without its line break) and whether the workload's rule selects it. */
    record Line(String text, boolean matches) { }

    /**
     * @param random a stream seeded for this line alone
     * @param n      the line number, from 1
     */
    Line line(SplittableRandom random, long n);

    /** The random stream of line {@code n}: independent of every other line's. */
    static SplittableRandom streamOf(long seed, long n) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + n);
    }
}
