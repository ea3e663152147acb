package dev.herald.core.route;

import static dev.herald.core.TestEvents.event;
import static dev.herald.core.TestEvents.inPart;
import static dev.herald.core.TestEvents.json;
import static dev.herald.core.TestEvents.route;
import static dev.herald.core.TestEvents.routes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.api.Event;
import dev.herald.core.route.DirectPattern.Verdict;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Patterns read directly off events agree with event-ruler, and leave it what they cannot tell. */
class DirectPatternTest {
    private static final String ILLUMIO = "{\"source\": [\"illumio-flow\"], \"$or\": [{\"detail\": {\"pd\": [{\"anything-but\": 0}]}},"
            + " {\"detail\": {\"dst_port\": [{\"numeric\": [\"=\", 3389]}]}}]}";
    private static final String CLOUDTRAIL = "{\"source\": [\"cloudtrail\"], \"$or\": [{\"detail\": {\"eventName\": [\"CreateUser\"]}},"
            + " {\"detail\": {\"userIdentity\": {\"type\": [{\"anything-but\": \"AssumedRole\"}]}}}]}";

    private static Verdict verdict(String pattern, Event e) {
        return DirectPattern.compile(json(pattern)).orElseThrow().test(e);
    }

    @Test
    void decidesTheBenchRulesWithoutEventRuler() {
        Event rdp = event("f1", "illumio-flow", "flow.allowed", "{\"pd\":0,\"dst_port\":3389,\"proto\":6}");
        Event dns = event("f2", "illumio-flow", "flow.allowed", "{\"pd\":0,\"dst_port\":53,\"proto\":17}");
        Event blocked = event("f3", "illumio-flow", "flow.blocked", "{\"pd\":2,\"dst_port\":53,\"proto\":17}");
        assertEquals(List.of(Verdict.MATCH, Verdict.NO_MATCH, Verdict.MATCH),
                List.of(verdict(ILLUMIO, rdp), verdict(ILLUMIO, dns), verdict(ILLUMIO, blocked)));
        Event assumed = event("c1", "cloudtrail", "GetObject", "{\"eventName\":\"GetObject\",\"userIdentity\":{\"type\":\"AssumedRole\"}}");
        Event create = event("c2", "cloudtrail", "CreateUser", "{\"eventName\":\"CreateUser\",\"userIdentity\":{\"type\":\"AssumedRole\"}}");
        Event user = event("c3", "cloudtrail", "GetObject", "{\"eventName\":\"GetObject\",\"userIdentity\":{\"type\":\"IAMUser\"}}");
        Event elsewhere = event("c4", "json", "GetObject", "{\"eventName\":\"CreateUser\"}");
        assertEquals(List.of(Verdict.NO_MATCH, Verdict.MATCH, Verdict.MATCH, Verdict.NO_MATCH),
                List.of(verdict(CLOUDTRAIL, assumed), verdict(CLOUDTRAIL, create), verdict(CLOUDTRAIL, user),
                        verdict(CLOUDTRAIL, elsewhere)));
    }

    @Test
    void leavesArraysOddNumbersAndLiteralsToEventRuler() {
        Event tags = event("t", "json", "x", "{\"tags\":[{\"k\":\"env\"}],\"n\":3.0,\"big\":9000000000,\"flag\":true}");
        assertEquals(Verdict.UNKNOWN, verdict("{\"detail\":{\"tags\":{\"k\":[\"env\"]}}}", tags));
        assertEquals(Verdict.UNKNOWN, verdict("{\"detail\":{\"n\":[3]}}", tags));
        assertEquals(Verdict.UNKNOWN, verdict("{\"detail\":{\"big\":[{\"numeric\":[\">\",0]}]}}", tags));
        assertEquals(Verdict.UNKNOWN, verdict("{\"detail\":{\"flag\":[{\"anything-but\":\"x\"}]}}", tags));
        assertEquals(Verdict.MATCH, verdict("{\"detail\":{\"flag\":[{\"exists\":true}]}}", tags));
        for (String unread : List.of("{\"detail\":{\"flag\":[true]}}", "{\"detail\":{\"a\":[null]}}",
                "{\"detail\":{\"a\":[{\"suffix\":\"x\"}]}}", "{\"detail\":{\"a\":[{\"wildcard\":\"x*\"}]}}",
                "{\"detail\":{\"a\":[{\"equals-ignore-case\":\"x\"}]}}", "{\"detail\":{\"a\":[{\"cidr\":\"10.0.0.0/8\"}]}}",
                "{\"detail\":{\"a\":[{\"anything-but\":{\"prefix\":\"x\"}}]}}", "{\"detail\":{\"a\":[1.5]}}",
                "{\"detail\":{\"$or\":[{\"a\":[0]},{\"a\":[\"x\",0]}]}}")) {
            assertTrue(DirectPattern.compile(json(unread)).isEmpty(), unread);
        }
    }

    /**
     * The contract the journal relies on: for any routes and event, matching the event directly
     * gives what event-ruler gives on its envelope. Random patterns and events over a few fields,
     * with the values where the two could part (numbers of other types, arrays, null, missing).
     */
    @Test
    void agreesWithEventRulerOnRandomPatternsAndEvents() {
        Random random = new Random(9);
        int decided = 0;
        int compared = 0;
        int missedMembers = 0;
        for (int table = 0; table < 2000; table++) {
            List<Event> events = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                events.add(randomEvent(random, i));
            }
            List<java.util.Map<String, Object>> configs = new ArrayList<>();
            for (int r = 0; r < 1 + random.nextInt(3); r++) {
                configs.add(route("r" + r, randomPattern(random), "s"));
            }
            @SuppressWarnings("unchecked")
            RouteTable t = routes(configs.toArray(new java.util.Map[0]));
            for (Event e : events) {
                List<String> viaRuler = t.match(t.input(e)).stream().map(Route::name).toList();
                List<String> direct = t.match(e).stream().map(Route::name).toList();
                assertEquals(viaRuler, direct, () -> t.definitions() + " on " + e.detail());
                if (e.detail().isObject()) {
                    Set<String> kept = new HashSet<>();
                    for (int k = random.nextInt(4); k > 0; k--) {
                        kept.add(String.join(".", random.ints(1 + random.nextInt(3), 0, 3)
                                .mapToObj(n -> List.of("a", "b", "c").get(n)).toList()));
                    }
                    Set<String> missed = new HashSet<>();
                    Event inPart = inPart(e, kept, missed);
                    assertEquals(viaRuler, t.match(inPart).stream().map(Route::name).toList(),
                            () -> t.definitions() + " on " + e.detail() + " parsed in part: " + kept);
                    assertEquals(viaRuler, t.match(t.input(inPart(e, kept, missed))).stream().map(Route::name).toList(),
                            () -> t.definitions() + " on the envelope of " + e.detail() + " parsed in part: " + kept);
                    missedMembers += missed.size();
                }
                compared++;
                if (t.route("r0").isPresent() && DirectPattern.compile(json(t.route("r0").get().definition().pattern()))
                        .map(p -> p.test(e) != Verdict.UNKNOWN).orElse(false)) {
                    decided++;
                }
            }
        }
        assertTrue(decided > compared / 3, "a third of the events at least are decided directly: " + decided + " of "
                + compared);
        assertTrue(missedMembers > 0, "events parsed in part were also read where they kept too little");
    }

    private static Event randomEvent(Random random, int i) {
        StringBuilder detail = new StringBuilder("{");
        String[] names = {"a", "b", "c"};
        for (String name : names) {
            if (random.nextInt(5) > 0) {
                detail.append(detail.length() > 1 ? "," : "").append('"').append(name).append("\":").append(randomValue(random, 0));
            }
        }
        detail.append('}');
        String source = random.nextBoolean() ? "cloudtrail" : "json";
        return event("e" + i, source, random.nextBoolean() ? "CreateUser" : "GetObject", detail.toString());
    }

    private static String randomValue(Random random, int depth) {
        return switch (random.nextInt(depth < 2 ? 12 : 9)) {
            case 0, 1 -> "\"x\"";
            case 2 -> "\"xy\"";
            case 3 -> "\"0\"";
            case 4, 5 -> Integer.toString(random.nextInt(3));
            case 6 -> random.nextBoolean() ? "0.0" : "1.5";
            case 7 -> random.nextBoolean() ? "null" : "true";
            case 8 -> "9000000000";
            case 9, 10 -> "{\"a\":" + randomValue(random, depth + 1) + ",\"b\":" + randomValue(random, depth + 1) + "}";
            default -> "[" + randomValue(random, depth + 1) + "," + randomValue(random, depth + 1) + "]";
        };
    }

    private static String randomPattern(Random random) {
        StringBuilder p = new StringBuilder("{");
        if (random.nextBoolean()) {
            p.append("\"source\":[\"cloudtrail\"],");
        }
        if (random.nextInt(3) == 0) {
            p.append("\"type\":[{\"prefix\":\"Create\"}],");
        }
        p.append("\"detail\":");
        if (random.nextBoolean()) {
            p.append("{\"$or\":[").append(randomConditions(random, 0)).append(',').append(randomConditions(random, 0)).append("]}");
        } else {
            p.append(randomConditions(random, 0));
        }
        return p.append('}').toString();
    }

    private static String randomConditions(Random random, int depth) {
        String name = random.nextBoolean() ? "a" : random.nextBoolean() ? "b" : "c";
        String condition = depth < 1 && random.nextInt(4) == 0 ? randomConditions(random, depth + 1) : randomMatchers(random);
        return "{\"" + name + "\":" + condition + "}";
    }

    private static String randomMatchers(Random random) {
        List<String> matchers = new ArrayList<>();
        for (int n = 0; n < 1 + random.nextInt(2); n++) {
            matchers.add(switch (random.nextInt(9)) {
                case 0 -> "\"x\"";
                case 1 -> "0";
                case 2 -> "{\"prefix\":\"x\"}";
                case 3 -> "{\"anything-but\":0}";
                case 4 -> "{\"anything-but\":[\"x\",\"0\"]}";
                case 5 -> "{\"numeric\":[\">\",0,\"<=\",2]}";
                case 6 -> "{\"numeric\":[\"=\",1]}";
                case 7 -> "{\"exists\":false}";
                default -> "{\"exists\":true}";
            });
        }
        return "[" + String.join(",", matchers) + "]";
    }
}
