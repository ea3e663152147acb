package dev.herald.shell;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.api.Event;
import dev.herald.api.Severity;
import dev.herald.api.admin.Counters;
import dev.herald.api.admin.DeadLetterView;
import dev.herald.api.admin.DeliveryView;
import dev.herald.api.admin.EventView;
import dev.herald.api.admin.HeraldAdmin;
import dev.herald.api.admin.OutboxView;
import dev.herald.api.admin.Overview;
import dev.herald.api.admin.Problem;
import dev.herald.api.admin.QuarantineRetryResult;
import dev.herald.api.admin.QuarantineView;
import dev.herald.api.admin.ReplayRequest;
import dev.herald.api.admin.ReplayResult;
import dev.herald.api.admin.RouteMatch;
import dev.herald.api.admin.RouteView;
import dev.herald.api.admin.SendResult;
import dev.herald.api.admin.SilenceRequest;
import dev.herald.api.admin.SilenceView;
import dev.herald.api.admin.SinkView;
import dev.herald.api.admin.SourceView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** A HeraldAdmin holding fixed data, recording what the commands asked it to do. */
final class FakeAdmin implements HeraldAdmin {

    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    /** A value that must never appear in any command's output. */
    static final String SECRET = "xoxb-1234-very-secret";

    String store = "/opt/herald/data/herald";
    List<Problem> problems = new ArrayList<>();
    List<SourceView> sources = new ArrayList<>();
    List<SinkView> sinks = new ArrayList<>();
    List<RouteView> routes = new ArrayList<>();
    List<EventView> events = new ArrayList<>();
    List<DeadLetterView> deadLetters = new ArrayList<>();
    List<QuarantineView> quarantine = new ArrayList<>();
    List<DeliveryView> history = new ArrayList<>();
    List<OutboxView> outboxes = new ArrayList<>();
    Map<String, Map<String, String>> checkpoints = new LinkedHashMap<>();
    Function<Event, List<RouteMatch>> router = e -> List.of();
    SendResult sendResult = new SendResult(true, false, null, "{\"text\":\"test\"}");
    /** What replay answers: its counts, for the request's range and send flag. */
    long replayScanned = 1200;
    Map<String, Long> replayPerSink = Map.of("secops", 40L);
    /** What replay throws instead, when set: core's refusal. */
    IllegalArgumentException replayRefusal;
    final List<ReplayRequest> replays = new ArrayList<>();
    /** The silences, newest first; add puts a new one first, with the next id, starting at T0. */
    final List<SilenceView> silences = new ArrayList<>();
    final List<SilenceRequest> silenceRequests = new ArrayList<>();
    /** What addSilence throws instead, when set: core's refusal. */
    IllegalArgumentException silenceRefusal;

    /** Every call that changes something, as text, e.g. {@code purge soc [1, 2]}. */
    final List<String> calls = new ArrayList<>();
    final List<Event> routeTested = new ArrayList<>();
    final List<Event> sendTested = new ArrayList<>();

    /** Herald with nothing configured. */
    static FakeAdmin empty() {
        return new FakeAdmin();
    }

    /** A small, healthy pipeline: one source, two routes, two sinks, some history. */
    static FakeAdmin populated() {
        FakeAdmin a = new FakeAdmin();
        Map<String, String> inboxSettings = new LinkedHashMap<>();
        inboxSettings.put("directory", "/opt/herald/demo/inbox");
        inboxSettings.put("pattern", "*.json");
        a.sources.add(new SourceView("inbox", "file", "active", null, inboxSettings,
                new Counters(12, 2, 1, 0, 0, 0, 0, 0), 3, T0));

        Map<String, String> slackSettings = new LinkedHashMap<>();
        slackSettings.put("name", "secops");
        slackSettings.put("channel", "#secops");
        slackSettings.put("token", SECRET);                                   // core forgot to mask it
        slackSettings.put("proxy", "http://herald:" + SECRET + "@proxy.example:3128");
        slackSettings.put("headers", "Authorization=Bearer " + SECRET + ", X-Team=soc");
        slackSettings.put("endpoint", "https://hooks.example/services?api_key=" + SECRET);
        a.sinks.add(new SinkView("secops", "slack", "active", null, slackSettings,
                new Counters(0, 0, 0, 0, 0, 7, 2, 1, 3), 3, 1, "HTTP 429 rate limited", T0.plusSeconds(60), 0));
        a.sinks.add(new SinkView("console", "log", "active", null, Map.of("level", "info"),
                new Counters(0, 0, 0, 0, 0, 9, 0, 0), 0, 0, null, T0.plusSeconds(30), 0));

        a.routes.add(new RouteView("iam-changes", true, null,
                "{\"source\":[\"cloudtrail\"],\"detail\":{\"eventSource\":[\"iam.amazonaws.com\"]}}",
                List.of("secops", "console"), "high", "10/1m", new Counters(0, 0, 0, 7, 1, 0, 0, 0, 3)));
        a.routes.add(new RouteView("everything", false, null, "{}", List.of("console"), null, null, Counters.ZERO));

        Event createUser = cloudTrailEvent("ev-1", "CreateUser");
        a.events.add(new EventView(createUser, T0.plusSeconds(5), List.of("iam-changes")));
        a.events.add(new EventView(cloudTrailEvent("ev-0", "ConsoleLogin"), T0, List.of()));

        a.deadLetters.add(new DeadLetterView(41, "secops", "iam-changes", "ev-1", "CreateUser", 5,
                T0, T0.plusSeconds(600), "HTTP 404 channel_not_found"));
        a.quarantine.add(new QuarantineView(3, "inbox", "/opt/herald/demo/inbox/bad.jsonl:7",
                "not JSON: unexpected character '}'", "{\"eventID\": }", T0));
        a.history.add(new DeliveryView(T0.plusSeconds(61), "secops", "iam-changes", "ev-1", 2, "retry",
                "HTTP 429 rate limited"));
        a.history.add(new DeliveryView(T0.plusSeconds(60), "console", "iam-changes", "ev-1", 1, "delivered", null));
        a.checkpoints.put("inbox", new LinkedHashMap<>(Map.of(
                "/opt/herald/demo/inbox/a.json", "1043", "/opt/herald/demo/inbox/b.json", "77")));
        return a;
    }

    static Event cloudTrailEvent(String id, String type) {
        String raw = "{\"eventID\":\"" + id + "\",\"eventName\":\"" + type + "\",\"eventSource\":\"iam.amazonaws.com\"}";
        try {
            return Event.builder().id(id).source("cloudtrail").instance("inbox").type(type).time(T0)
                    .severity(Severity.MEDIUM).detail(new ObjectMapper().readTree(raw)).raw(raw).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Overview overview() {
        long pending = sinks.stream().mapToLong(SinkView::pending).sum();
        return new Overview(store, new Counters(12, 2, 1, 7, 1, 16, 2, 1, 3), pending, deadLetters.size(),
                quarantine.size(), problems);
    }

    @Override
    public List<SourceView> sources() {
        return sources;
    }

    @Override
    public List<SinkView> sinks() {
        return sinks;
    }

    @Override
    public List<RouteView> routes() {
        return routes;
    }

    @Override
    public List<RouteMatch> routeTest(Event event) {
        routeTested.add(event);
        return router.apply(event);
    }

    @Override
    public SendResult sendTest(String sink, Event event) {
        calls.add("send-test " + sink);
        if (event != null) {
            sendTested.add(event);
        }
        return sendResult;
    }

    @Override
    public List<EventView> events(String text, int limit) {
        calls.add("events " + text + " " + limit);
        return events.stream()
                .filter(v -> text == null || v.event().raw().toLowerCase().contains(text.toLowerCase()))
                .limit(limit).toList();
    }

    @Override
    public Optional<EventView> event(String id) {
        return events.stream().filter(v -> v.event().id().equals(id)).findFirst();
    }

    @Override
    public List<DeadLetterView> deadLetters(String sink, int limit) {
        calls.add("dead-letters " + sink + " " + limit);
        return deadLetters.stream().filter(d -> sink == null || d.sink().equals(sink)).limit(limit).toList();
    }

    @Override
    public int retryDeadLetters(String sink, List<Long> ids) {
        calls.add("retry " + sink + " " + ids);
        return selected(sink, ids);
    }

    @Override
    public int purgeDeadLetters(String sink, List<Long> ids) {
        calls.add("purge " + sink + " " + ids);
        return selected(sink, ids);
    }

    private int selected(String sink, List<Long> ids) {
        return (int) deadLetters.stream()
                .filter(d -> sink == null || d.sink().equals(sink))
                .filter(d -> ids == null || ids.isEmpty() || ids.contains(d.id()))
                .count();
    }

    @Override
    public List<OutboxView> outboxes() {
        return outboxes;
    }

    @Override
    public long purgeOutbox(String sink) {
        calls.add("purge-outbox " + sink);
        return outboxes.stream().filter(o -> o.sink().equals(sink)).mapToLong(OutboxView::waiting).sum();
    }

    @Override
    public List<QuarantineView> quarantine(String source, int limit) {
        calls.add("quarantine " + source + " " + limit);
        return quarantine.stream().filter(q -> source == null || q.source().equals(source)).limit(limit).toList();
    }

    @Override
    public int purgeQuarantine(String source, List<Long> ids) {
        calls.add("purge-quarantine " + source + " " + ids);
        return (int) quarantine.stream()
                .filter(q -> source == null || q.source().equals(source))
                .filter(q -> ids == null || ids.isEmpty() || ids.contains(q.id()))
                .count();
    }

    /** What {@link #retryQuarantine} answers. */
    List<QuarantineRetryResult> retried = new ArrayList<>();

    @Override
    public List<QuarantineRetryResult> retryQuarantine(String source, List<Long> ids) {
        calls.add("retry-quarantine " + source + " " + ids);
        return retried;
    }

    @Override
    public List<DeliveryView> history(int limit) {
        calls.add("history " + limit);
        return history.stream().limit(limit).toList();
    }

    @Override
    public Map<String, String> checkpoints(String source) {
        return checkpoints.getOrDefault(source, Map.of());
    }

    @Override
    public int resetCheckpoint(String source, String stream) {
        calls.add("reset " + source + " " + stream);
        Map<String, String> positions = checkpoints.getOrDefault(source, Map.of());
        if (stream == null) {
            return positions.size();
        }
        return positions.containsKey(stream) ? 1 : 0;
    }

    @Override
    public ReplayResult replay(ReplayRequest request) {
        replays.add(request);
        if (replayRefusal != null) {
            throw replayRefusal;
        }
        Instant until = request.until() == null ? T0 : request.until();
        return new ReplayResult(request.send() ? "r-1" : null, request.since(), until, replayScanned,
                replayPerSink.values().stream().mapToLong(Long::longValue).max().orElse(0), replayPerSink,
                request.send());
    }

    @Override
    public SilenceView addSilence(SilenceRequest request) {
        silenceRequests.add(request);
        if (silenceRefusal != null) {
            throw silenceRefusal;
        }
        SilenceView v = new SilenceView(100 + silences.size(), request.pattern(), request.sinks(), T0,
                T0.plus(request.duration()), request.comment(), request.creator(), null, true);
        silences.add(0, v);
        return v;
    }

    @Override
    public List<SilenceView> silences() {
        return silences;
    }

    @Override
    public SilenceView expireSilence(long id, String by) {
        calls.add("expire silence " + id + " by " + by);
        for (int i = 0; i < silences.size(); i++) {
            SilenceView s = silences.get(i);
            if (s.id() == id && s.active()) {
                SilenceView e = new SilenceView(id, s.pattern(), s.sinks(), s.start(), T0.plusSeconds(60), s.comment(),
                        s.creator(), by == null ? "" : by, false);
                silences.set(i, e);
                return e;
            }
        }
        throw new IllegalArgumentException("there is no silence " + id + " (herald:silence list shows them)");
    }
}
