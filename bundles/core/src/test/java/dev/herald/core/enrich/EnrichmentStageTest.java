package dev.herald.core.enrich;

import static dev.herald.core.TestEvents.event;
import static dev.herald.core.enrich.TestEnricher.fields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.api.Event;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EnrichmentStageTest {
    final EnrichmentStage stage = new EnrichmentStage();
    /** Holds the hanging enricher until the test ends. */
    final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        stage.stop();
    }

    private static Event ct(String id) {
        return event(id, "cloudtrail", "ConsoleLogin", "{\"sourceIPAddress\":\"192.0.2.1\"}");
    }

    @Test
    void withoutEnrichersTheEventIsUntouched() {
        Event e = ct("1");
        assertSame(e, stage.enrich(e));
    }

    @Test
    void enrichersRunInOrderAndLaterOnesSeeEarlierFields() {
        // registered out of order: order() decides, then the name
        stage.addEnricher(new TestEnricher("second", 200, Duration.ofSeconds(5),
                e -> fields("seen", e.enrichment().path("first").path("value").asText("none"))));
        stage.addEnricher(TestEnricher.adding("first", "first", "a"));
        stage.addEnricher(new TestEnricher("also-first", 100, Duration.ofSeconds(5),
                e -> fields("names", String.join(",", iterable(e.enrichment().fieldNames())))));

        Event out = stage.enrich(ct("1"));

        assertEquals("a", out.enrichment().path("first").path("value").asText());
        assertEquals("", out.enrichment().path("names").path("value").asText(), "also-first runs before first");
        assertEquals("a", out.enrichment().path("seen").path("value").asText(), "second runs after first");
        assertEquals("a", out.envelope().path("enrichment").path("first").path("value").asText());
        assertEquals(ct("1").detail(), out.detail(), "the record itself is unchanged");
        assertTrue(stage.problems().isEmpty());
    }

    @Test
    void aFailingEnricherCostsTheEventItsFieldsOnlyAndIsShownUntilItWorksAgain() {
        boolean[] broken = {true};
        stage.addEnricher(new TestEnricher("geoip", 100, Duration.ofSeconds(5), e -> {
            if (broken[0]) {
                throw new IllegalStateException("cannot read /data/GeoLite2-City.mmdb: no such file");
            }
            return fields("geo", "DE");
        }));
        stage.addEnricher(TestEnricher.adding("other", "other", "x"));

        Event out = stage.enrich(ct("7"));

        assertFalse(out.enrichment().has("geo"));
        assertEquals("x", out.enrichment().path("other").path("value").asText(), "later enrichers still run");
        String problem = stage.problems().get("geoip");
        assertTrue(problem.contains("cannot read /data/GeoLite2-City.mmdb: no such file"), problem);
        assertTrue(problem.contains("cloudtrail event 7"), problem);

        broken[0] = false;
        assertEquals("DE", stage.enrich(ct("8")).enrichment().path("geo").path("value").asText());
        assertFalse(stage.problems().containsKey("geoip"), "a success clears the problem");
    }

    @Test
    void anErrorIsShownWithItsClassAsItsMessageIsOftenABareClassName() {
        stage.addEnricher(new TestEnricher("geoip", 100, Duration.ofSeconds(5), e -> {
            throw new NoClassDefFoundError("com/fasterxml/jackson/datatype/jsr310/JavaTimeModule");
        }));
        assertFalse(stage.enrich(ct("1")).enrichment().has("geo"));
        assertTrue(stage.problems().get("geoip")
                .startsWith("NoClassDefFoundError: com/fasterxml/jackson/datatype/jsr310/JavaTimeModule"),
                stage.problems().toString());
    }

    @Test
    void anEnricherThatDoesNotAnswerInTimeIsSkipped() {
        stage.addEnricher(new TestEnricher("slow", 100, Duration.ofMillis(50), e -> {
            release.await();
            return fields("slow", "late");
        }));
        stage.addEnricher(TestEnricher.adding("fast", "fast", "y"));

        Event out = stage.enrich(ct("1"));

        assertFalse(out.enrichment().has("slow"));
        assertEquals("y", out.enrichment().path("fast").path("value").asText());
        assertTrue(stage.problems().get("slow").contains("took longer than its timeout of 50 ms"),
                stage.problems().toString());
    }

    @Test
    void enrichersThatHangHoldAtMostTheStagesThreadsAndEventsStillGoOn() {
        TestEnricher hanging = new TestEnricher("hanging", 100, Duration.ofMillis(20), e -> {
            // ignores interruption, like a blocking call that cannot be cancelled
            while (release.getCount() > 0) {
                try {
                    release.await();
                } catch (InterruptedException ignored) {
                    // keep hanging
                }
            }
            return fields("hanging", "never");
        });
        stage.addEnricher(hanging);
        // each event leaves one more thread hanging, until all are: then events skip it at once
        for (int i = 0; !stage.problems().getOrDefault("hanging", "").contains("enrichment threads are busy"); i++) {
            assertTrue(i < 100, "the stage never ran out of threads: " + stage.problems());
            assertFalse(stage.enrich(ct(Integer.toString(i))).enrichment().has("hanging"));
        }
        assertTrue(hanging.calls.get() <= EnrichmentStage.MAX_THREADS, "no more threads than the bound");
    }

    @Test
    void anInMemoryEnricherRunsOnTheAppendingThreadAndItsFailureIsShownAsAnyOther() {
        Thread caller = Thread.currentThread();
        TestEnricher here = new TestEnricher("here", 100, Duration.ofMillis(1), e -> {
            if (Thread.currentThread() != caller) {
                throw new IllegalStateException("ran on " + Thread.currentThread().getName());
            }
            Thread.sleep(50); // beyond its timeout: an in-memory enricher has none
            return fields("here", "yes");
        }).inMemoryCopy();
        stage.addEnricher(here);
        assertEquals("yes", stage.enrich(ct("1")).enrichment().at("/here/value").asText());
        assertTrue(stage.problems().isEmpty());

        stage.removeEnricher(here);
        stage.addEnricher(new TestEnricher("broken", 100, Duration.ofSeconds(5), e -> {
            throw new IllegalStateException("the table is not loaded");
        }).inMemoryCopy());
        Event e = ct("2");
        assertSame(e, stage.enrich(e));
        assertEquals("the table is not loaded; events go on without its fields (last: cloudtrail event 2)",
                stage.problems().get("broken"));
    }

    @Test
    void aFieldAnEarlierEnricherSetIsKeptAndTheClashReported() {
        stage.addEnricher(new TestEnricher("a", 1, Duration.ofSeconds(5), e -> fields("geo", "first")));
        stage.addEnricher(new TestEnricher("b", 2, Duration.ofSeconds(5), e -> fields("geo", "second")));

        assertEquals("first", stage.enrich(ct("1")).enrichment().path("geo").path("value").asText());
        assertTrue(stage.problems().get("b").contains("set enrichment.geo, which an earlier enricher already set"),
                stage.problems().toString());
    }

    @Test
    void anEnricherIsOnlyCalledForEventsItAppliesTo() {
        TestEnricher e = TestEnricher.adding("x", "x", "1");
        stage.addEnricher(e);
        Event ignored = event("1", "json", "ignored", "{}");
        assertSame(ignored, stage.enrich(ignored));
        assertEquals(0, e.calls.get());
    }

    @Test
    void aRemovedEnricherNoLongerRunsNorShowsItsProblem() {
        TestEnricher failing = new TestEnricher("gone", 100, Duration.ofSeconds(5), e -> {
            throw new IllegalStateException("down");
        });
        stage.addEnricher(failing);
        stage.enrich(ct("1"));
        assertTrue(stage.problems().containsKey("gone"));

        stage.removeEnricher(failing);
        stage.enrich(ct("2"));
        assertEquals(1, failing.calls.get());
        assertTrue(stage.problems().isEmpty());
    }

    private static <T> Iterable<T> iterable(java.util.Iterator<T> it) {
        return () -> it;
    }
}
