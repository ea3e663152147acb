package dev.herald.source.pce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.api.Event;
import dev.herald.testkit.MutableClock;
import dev.herald.http.HttpClients;
import dev.herald.http.HttpSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The PCE enricher against the PCE emulator's workloads API. */
class PceEnricherTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> WEB_LABELS =
            Map.of("role", "web", "app", "shop", "env", "prod", "loc", "fra", "team", "payments");

    final PceEmulator pce = new PceEmulator(1);
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    String web;
    String db;

    @BeforeEach
    void workloads() {
        web = pce.addWorkload("web-01.example.com", "10.0.0.11", WEB_LABELS, "full");
        db = pce.addWorkload("db-01.example.com", "10.0.0.21", Map.of("role", "db", "env", "prod"), "visibility_only");
    }

    @AfterEach
    void stop() {
        pce.close();
    }

    private PceEnricher enricher(int cacheSize, Object... settings) {
        Object[] all = new Object[settings.length + 2];
        all[0] = "pce_url";
        all[1] = pce.url();
        System.arraycopy(settings, 0, all, 2, settings.length);
        return new PceEnricher(TestConfig.settings(all), true, cacheSize, 300,
                HttpClients.standalone().create(HttpSettings.builder("test").build()), clock);
    }

    private static Event event(String source, String instance, String detail) throws Exception {
        return Event.builder().id("e1").source(source).instance(instance).type("t").detail(JSON.readTree(detail)).build();
    }

    private Event auditEvent() throws Exception {
        return event("pce", TestConfig.NAME, """
                {"href":"/orgs/1/events/1","event_type":"workload.update","pce_fqdn":"pce.example.com",
                 "created_by":{"workload":{"href":"%s","hostname":"web-01"}},
                 "resource_changes":[
                   {"uuid":"u1","change_type":"update","resource":{"workload":{"href":"%s","hostname":"db-01"}},
                    "changes":{"enforcement_mode":{"before":"full","after":"visibility_only"}}},
                   {"uuid":"u2","change_type":"update","resource":{"rule_set":{"href":"/orgs/1/sec_policy/draft/rule_sets/7","name":"Web tier"}},
                    "changes":{"enabled":{"before":true,"after":false}}},
                   {"uuid":"u3","change_type":"delete","resource":{"label":{"href":"/orgs/1/labels/9","value":"legacy"}}}
                 ]}""".formatted(web, db));
    }

    private Event flow(String src, String dst) throws Exception {
        return event("illumio-flow", "illumio-s3", "{\"src_ip\":\"" + src + "\",\"dst_ip\":\"" + dst
                + "\",\"dst_port\":5432,\"pce_fqdn\":\"127.0.0.1\"}");
    }

    @Test
    void aPceEventGainsItsWorkloadsAndAReadablePolicyDiff() throws Exception {
        PceEnricher enricher = enricher(100);
        Event e = auditEvent();
        assertTrue(enricher.appliesTo(e));

        JsonNode pceFields = enricher.enrich(e).path("pce");

        JsonNode actor = pceFields.path("created_by");
        assertEquals("web-01.example.com", actor.path("hostname").asText());
        assertEquals(JSON.valueToTree(WEB_LABELS), actor.path("labels"));
        assertTrue(actor.path("managed").asBoolean());
        assertTrue(actor.path("online").asBoolean());
        assertEquals("full", actor.path("enforcement_mode").asText());
        assertEquals(List.of("db-01.example.com"), pceFields.path("workloads").findValuesAsText("hostname"));
        assertEquals(JSON.readTree("""
                ["update workload \\"db-01\\": enforcement_mode: \\"full\\" → \\"visibility_only\\"",
                 "update rule_set \\"Web tier\\": enabled: true → false",
                 "delete label \\"legacy\\""]"""), pceFields.path("policy_diff"));
    }

    @Test
    void flowAddressesResolveToWorkloadsAndUnknownOnesAreCachedToo() throws Exception {
        PceEnricher enricher = enricher(100);
        Event f = flow("10.0.0.11", "192.0.2.99");
        assertTrue(enricher.appliesTo(f), "a flow of this PCE, by pce_fqdn");

        ObjectNode fields = enricher.enrich(f);

        assertEquals("web", fields.path("pce").path("src").path("labels").path("role").asText());
        assertFalse(fields.path("pce").has("dst"), "no workload has 192.0.2.99");
        int requests = pce.workloadRequests();
        assertEquals(2, requests);

        enricher.enrich(flow("10.0.0.11", "192.0.2.99"));
        assertEquals(requests, pce.workloadRequests(), "both answers came from the cache");
    }

    @Test
    void aCachedWorkloadIsLookedUpAgainAfterTheRefreshInterval() throws Exception {
        PceEnricher enricher = enricher(100);
        enricher.enrich(flow("10.0.0.21", "10.0.0.11"));
        pce.workload(db).withArray("labels").removeAll().addObject().put("key", "role").put("value", "db-replica");

        clock.advance(Duration.ofSeconds(299));
        assertEquals("db", enricher.enrich(flow("10.0.0.21", "10.0.0.11")).path("pce").path("src")
                .path("labels").path("role").asText(), "still cached");
        clock.advance(Duration.ofSeconds(1));
        assertEquals("db-replica", enricher.enrich(flow("10.0.0.21", "10.0.0.11")).path("pce").path("src")
                .path("labels").path("role").asText(), "refreshed");
    }

    @Test
    void theCacheHoldsAtMostItsSize() throws Exception {
        PceEnricher enricher = enricher(1);
        enricher.enrich(flow("10.0.0.11", "10.0.0.21"));
        enricher.enrich(flow("10.0.0.11", "10.0.0.21"));
        assertEquals(4, pce.workloadRequests(), "one entry: each address pushes the other out");
    }

    @Test
    void aDeletedWorkloadAddsNothingAndIsNoProblem() throws Exception {
        pce.removeWorkload(web);
        JsonNode pceFields = enricher(100).enrich(auditEvent()).path("pce");
        assertFalse(pceFields.has("created_by"));
        assertEquals(3, pceFields.path("policy_diff").size(), "the diff needs no lookup");
    }

    @Test
    void aRefusedKeyIsAProblemThatSaysWhatToDo() throws Exception {
        PceEnricher enricher = enricher(100, "api_secret", "wrong");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> enricher.enrich(auditEvent()));
        assertTrue(e.getMessage().contains("give the API key of PCE source 'pce' read access to workloads"),
                e.getMessage());
        assertFalse(e.getMessage().contains("wrong"), "the secret is never shown");
    }

    @Test
    void onlyEventsOfThisPceApply() throws Exception {
        PceEnricher enricher = enricher(100);
        assertFalse(enricher.appliesTo(event("pce", "other-pce", "{\"pce_fqdn\":\"pce2.example.com\"}")));
        assertFalse(enricher.appliesTo(event("cloudtrail", TestConfig.NAME, "{}")));
        assertTrue(enricher.appliesTo(event("pce", "pce-from-s3", "{\"pce_fqdn\":\"127.0.0.1\"}")));

        PceEnricher off = new PceEnricher(TestConfig.settings("pce_url", pce.url()), false, 100, 300,
                HttpClients.standalone().create(HttpSettings.builder("test").build()), clock);
        assertFalse(off.appliesTo(auditEvent()), "enrich = false");
    }

    @Test
    void outOfRangeSettingsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> enricher(0));
        assertTrue(e.getMessage().contains("enrich_cache_size = 0 is out of range"), e.getMessage());
    }
}
