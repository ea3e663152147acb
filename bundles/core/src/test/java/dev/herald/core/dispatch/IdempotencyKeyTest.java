package dev.herald.core.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Keys are stored nowhere: they are worked out again for every attempt, so a key must come out
 * the same as before for an entry that was waiting in an outbox across an upgrade.
 */
class IdempotencyKeyTest {

    /** Keys as the computation before this one gave them (one MessageDigest per call, HexFormat). */
    @Test
    void keysAreTheSameAsThoseOfEarlierVersions() {
        assertEquals("516184d788422baec2cf69ce02cfd8c3",
                IdempotencyKey.of("bench", "illumio-flow-s42-n300000.jsonl.gz:1@1", "drain", "drain"));
        assertEquals("3e27b22ce477350dc8b34371c4725f33", IdempotencyKey.of("trail", "e1", "demo-cloudtrail-root", "console"));
        assertEquals("77fae30fbcb7360c7d69a333bb6eced0",
                IdempotencyKey.of("pce", "/orgs/1/events/ä-é-€-\uD834\uDD1E", "route ü", "sink"));
        assertEquals("df3f619804a92fdb4057192dc43dd748", IdempotencyKey.of("", "", "", ""));
        assertEquals("03baeb994ed3e71654cd999c205c7338",
                IdempotencyKey.of("r-1", "trail", "e1", "demo-cloudtrail-root", "console"));
        assertEquals("e763cd2054a55bb08aa6ee9ce6930b37", IdempotencyKey.of("replay-ünï", "s", "x".repeat(300), "r", "k"));
        assertEquals("dc0f42a41f058686a364af5b6bd49175", IdempotencyKey.of("a\u0000b", "c", "d", "e"));
    }

    @Test
    void keysMatchTheDefinitionForOddValues() throws Exception {
        List<String> odd = List.of("", "\uD800", "a\uDC00b", "€".repeat(100), "\u0000", "x".repeat(10_000), "\r\n\t");
        for (String a : odd) {
            for (String b : odd) {
                assertEquals(definition(a, b, "route", "sink"), IdempotencyKey.of(a, b, "route", "sink"));
                assertEquals(definition("replay", "r", a, b, "route", "sink"), IdempotencyKey.of("r", a, b, "route", "sink"));
            }
        }
    }

    /** The digest is kept per thread: keys worked out on many threads at once are still right. */
    @Test
    void threadsDoNotShareADigestInUse() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Boolean>> tasks = new java.util.ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                tasks.add(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        String id = "event-" + thread + "-" + i;
                        if (!definition("src", id, "r", "s").equals(IdempotencyKey.of("src", id, "r", "s"))) {
                            return false;
                        }
                    }
                    return true;
                });
            }
            for (Future<Boolean> f : pool.invokeAll(tasks)) {
                assertEquals(true, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** SHA-256 over each part in UTF-8 followed by a zero byte; the first 16 bytes in lower-case hex. */
    private static String definition(String... parts) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (String part : parts) {
            sha.update(part.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
        }
        return HexFormat.of().formatHex(sha.digest(), 0, 16);
    }
}
