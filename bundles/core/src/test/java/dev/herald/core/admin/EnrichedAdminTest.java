package dev.herald.core.admin;

import static dev.herald.core.TestEvents.route;
import static dev.herald.core.TestEvents.routes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.api.Event;
import dev.herald.api.admin.Problem;
import dev.herald.api.admin.RouteMatch;
import dev.herald.api.record.RecordKind;
import dev.herald.api.record.RecordSummary;
import dev.herald.core.TestEvents;
import dev.herald.core.TestSettings;
import dev.herald.core.dispatch.Bodies;
import dev.herald.core.dispatch.Dispatcher;
import dev.herald.core.enrich.EnrichmentStage;
import dev.herald.core.enrich.TestEnricher;
import dev.herald.core.journal.JournalService;
import dev.herald.core.kind.KindRegistry;
import dev.herald.core.route.RouteTable;
import dev.herald.core.store.MvStore;
import dev.herald.core.template.TemplateRenderer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin service shows enrichers' problems and tests routes on enriched events. */
class EnrichedAdminTest {
    @TempDir
    Path dir;
    MvStore store;
    Dispatcher dispatcher;
    AdminService admin;
    final EnrichmentStage stage = new EnrichmentStage();
    final RouteTable table = routes(route("foreign", "{\"enrichment\":{\"geo\":{\"value\":[\"BR\"]}}}", "soc"));

    @BeforeEach
    void setUp() {
        store = MvStore.open(TestSettings.defaults(dir));
        dispatcher = new Dispatcher(TestSettings.defaults(dir), store,
                new Bodies(() -> table, new TemplateRenderer(dir.resolve("templates"))));
        dispatcher.activate();
        SourceProblems problems = new SourceProblems();
        admin = new AdminService(store, () -> table, dispatcher, prefix -> List.of(), problems, List::of,
                new JournalService(store, () -> table, problems));
        admin.enrichment = stage;
    }

    @AfterEach
    void tearDown() {
        stage.stop();
        dispatcher.deactivate();
        store.close();
    }

    private static Event ct(String id) {
        return TestEvents.event(id, "cloudtrail", "GetObject", "{\"sourceIPAddress\":\"198.51.100.7\"}");
    }

    @Test
    void anEnrichersProblemShowsInTheOverviewUnderItsName() {
        stage.addEnricher(new TestEnricher("geoip", 100, Duration.ofSeconds(5), e -> {
            throw new IllegalStateException("the GeoIP database /x.mmdb does not exist");
        }));
        admin.routeTest(ct("1"));

        List<Problem> problems = admin.overview().problems().stream()
                .filter(p -> p.subject().equals("enricher geoip")).toList();
        assertEquals(1, problems.size(), admin.overview().problems().toString());
        assertTrue(problems.get(0).toString().contains("the GeoIP database /x.mmdb does not exist"));
    }

    @Test
    void aRecordKindThatLeftShowsInTheOverviewUntilItIsBack() {
        RecordKind pce = new RecordKind() {
            @Override
            public String name() {
                return "pce";
            }

            @Override
            public boolean accepts(JsonNode record) {
                return record.has("href");
            }

            @Override
            public List<Event> events(JsonNode record, String raw, String instance, String fallbackId) {
                return List.of(event(record, raw, instance).id(fallbackId).build());
            }

            @Override
            public RecordSummary summary(Event event) {
                return RecordSummary.generic(event);
            }
        };
        KindRegistry registry = new KindRegistry();
        admin.kinds = registry;
        registry.addKind(pce, Map.of("service.ranking", 400, "service.id", 1L));
        registry.removeKind(pce);
        List<Problem> problems = admin.overview().problems().stream()
                .filter(p -> p.subject().equals("record kind pce")).toList();
        assertEquals(1, problems.size(), admin.overview().problems().toString());
        assertTrue(problems.get(0).toString().contains("read as generic JSON (source json)"), problems.toString());

        registry.addKind(pce, Map.of("service.ranking", 400, "service.id", 2L));
        assertTrue(admin.overview().problems().stream().noneMatch(p -> p.subject().startsWith("record kind")));
    }

    @Test
    void routeTestMatchesOnWhatEnrichersAdd() {
        assertTrue(admin.routeTest(ct("1")).isEmpty(), "no enricher, no field");
        stage.addEnricher(TestEnricher.adding("geoip", "geo", "BR"));
        List<RouteMatch> matches = admin.routeTest(ct("1"));
        assertEquals(List.of("foreign"), matches.stream().map(RouteMatch::route).toList());
    }
}
