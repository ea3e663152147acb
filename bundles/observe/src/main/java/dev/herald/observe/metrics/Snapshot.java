package dev.herald.observe.metrics;

import dev.herald.api.admin.HeraldAdmin;
import dev.herald.api.admin.Overview;
import dev.herald.api.admin.RouteView;
import dev.herald.api.admin.SinkView;
import dev.herald.api.admin.SourceView;
import dev.herald.observe.health.Assessment;
import dev.herald.observe.health.Assessor;
import dev.herald.observe.health.Condition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Herald's state read once per scrape, so that every metric of one scrape tells the same moment.
 *
 * @param paused     the sinks the health checks call paused (see {@link Condition#SINK_PAUSED})
 * @param storeBytes the size of the store's file
 */
record Snapshot(List<SourceView> sources, List<RouteView> routes, List<SinkView> sinks, Set<String> paused,
                long quarantined, boolean storeReadable, long storeBytes) {

    static final Snapshot EMPTY = new Snapshot(List.of(), List.of(), List.of(), Set.of(), 0, false, 0);

    static Snapshot read(HeraldAdmin admin) {
        List<Assessment> health = Assessor.assess(admin);
        if (health.stream().anyMatch(a -> a.condition() == Condition.STORE_FAILING)) {
            return EMPTY;
        }
        Set<String> paused = health.stream()
                .filter(a -> "sink".equals(a.kind()) && a.condition() == Condition.SINK_PAUSED)
                .map(Assessment::name).collect(Collectors.toSet());
        Overview overview = admin.overview();
        return new Snapshot(admin.sources(), admin.routes(), admin.sinks(), paused, overview.quarantined(), true,
                size(overview.store()));
    }

    private static long size(String file) {
        try {
            return Files.size(Path.of(file));
        } catch (IOException | RuntimeException e) {
            return 0; // an in-memory store, or a file being replaced: no size to tell
        }
    }
}
