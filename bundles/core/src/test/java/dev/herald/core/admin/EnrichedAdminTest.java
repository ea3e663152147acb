package dev.herald.core.admin;

import static dev.herald.core.TestEvents.route;
import static dev.herald.core.TestEvents.routes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.api.Event;
import dev.herald.api.admin.Problem;
import dev.herald.api.admin.RouteMatch;
import dev.herald.core.TestEvents;
import dev.herald.core.TestSettings;
import dev.herald.core.dispatch.Bodies;
import dev.herald.core.dispatch.Dispatcher;
import dev.herald.core.journal.JournalService;
import dev.herald.core.enrich.EnrichmentStage;
import dev.herald.core.enrich.TestEnricher;
import dev.herald.core.route.RouteTable;
import dev.herald.core.store.MvStore;
import dev.herald.core.template.TemplateRenderer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
    void routeTestMatchesOnWhatEnrichersAdd() {
        assertTrue(admin.routeTest(ct("1")).isEmpty(), "no enricher, no field");
        stage.addEnricher(TestEnricher.adding("geoip", "geo", "BR"));
        List<RouteMatch> matches = admin.routeTest(ct("1"));
        assertEquals(List.of("foreign"), matches.stream().map(RouteMatch::route).toList());
    }
}
