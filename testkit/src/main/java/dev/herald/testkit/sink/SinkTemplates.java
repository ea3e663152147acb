package dev.herald.testkit.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.api.Event;
import dev.herald.api.Notification;
import dev.herald.api.Severity;
import dev.herald.api.sink.Escaping;
import dev.herald.api.sink.TemplateFilters;
import dev.herald.core.store.Group;
import dev.herald.core.template.DigestGroup;
import dev.herald.core.template.Escape;
import dev.herald.core.template.Rendering;
import dev.herald.core.template.SinkResources;
import dev.herald.core.template.TemplateException;
import dev.herald.core.template.TemplateRenderer;
import dev.herald.testkit.HeraldKinds;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a sink's templates exactly as Herald's dispatcher does (the same engine, filters,
 * escaping and template lookup, and each event's {@code summary} from the record kinds Herald ships,
 * {@link HeraldKinds}), without the test depending on Herald's internals. Immutable: each
 * {@code with…} returns a changed copy.
 *
 * <pre>{@code
 * SinkTemplates templates = SinkTemplates.of(AcmeSink.class);     // kind and escaping from the component
 * String body = templates.render(SampleEvents.of(SampleEvents.CLOUDTRAIL), Severity.HIGH);
 * Map<String, String> bodies = templates.renderAll();             // one per record kind
 * }</pre>
 */
public final class SinkTemplates {
    private static final Pattern PID = Pattern.compile("configuration-pid=\"dev\\.herald\\.sink\\.([^\"]+)\"");
    private static final Pattern ESCAPE = Pattern.compile("name=\"herald\\.template\\.escape\"[^>]*value=\"(\\w+)\"");

    /** The host of an https link, up to where its path, query or fragment starts. */
    private static final Pattern LINK_HOST = Pattern.compile("https://([^/?#\\s]*)");

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String kind;
    private final Escaping escaping;
    private final Path bundle;
    private final Path userTemplates;
    private final String format;
    private final String routeTemplate;
    private final String route;
    private final String sink;
    private final String idempotencyKey;
    private final List<TemplateFilters> filters;
    private final Map<String, String> annotations;
    /** Built at the first render: an engine per body type is not cheap. */
    private TemplateRenderer renderer;

    private SinkTemplates(String kind, Escaping escaping, Path bundle, Path userTemplates, String format,
                          String routeTemplate, String route, String sink, String idempotencyKey,
                          List<TemplateFilters> filters, Map<String, String> annotations) {
        this.kind = kind;
        this.escaping = escaping;
        this.bundle = bundle;
        this.userTemplates = userTemplates;
        this.format = format;
        this.routeTemplate = routeTemplate;
        this.route = route;
        this.sink = sink;
        this.idempotencyKey = idempotencyKey;
        this.filters = filters;
        this.annotations = annotations;
    }

    /**
     * The templates of the sink of kind {@code kind} whose body is escaped as {@code escaping},
     * from {@code src/main/resources/templates} of the module under test, no user overrides.
     */
    public static SinkTemplates of(String kind, Escaping escaping) {
        return new SinkTemplates(kind, escaping, Path.of("src/main/resources"), null, null, null, "route-1",
                kind + "-1", "key-1", List.of(), Map.of());
    }

    /**
     * The templates of {@code sinkClass}, with the kind (its factory PID after {@code
     * dev.herald.sink.}) and the escaping it declares ({@code @TemplateEscape}), read from its
     * component description as the host reads them.
     */
    public static SinkTemplates of(Class<?> sinkClass) {
        String description = componentDescription(sinkClass);
        Matcher pid = PID.matcher(description);
        if (!pid.find()) {
            throw new IllegalArgumentException(sinkClass.getName() + " has no configuration PID dev.herald.sink.<kind>");
        }
        Matcher escape = ESCAPE.matcher(description);
        return of(pid.group(1), escape.find() ? Escaping.valueOf(escape.group(1).toUpperCase(java.util.Locale.ROOT))
                : Escaping.NONE);
    }

    /** The bundle's resources (holding {@code templates/}) from {@code directory} instead of src/main/resources. */
    public SinkTemplates withBundleResources(Path directory) {
        return new SinkTemplates(kind, escaping, directory, userTemplates, format, routeTemplate, route, sink,
                idempotencyKey, filters, annotations);
    }

    /** {@code directory} as {@code etc/herald/templates}: overrides in {@code <directory>/<kind>/}. */
    public SinkTemplates withUserTemplates(Path directory) {
        return new SinkTemplates(kind, escaping, bundle, directory, format, routeTemplate, route, sink,
                idempotencyKey, filters, annotations);
    }

    /** The template set a {@code format} setting selects. */
    public SinkTemplates withFormat(String templateSet) {
        return new SinkTemplates(kind, escaping, bundle, userTemplates, templateSet, routeTemplate, route, sink,
                idempotencyKey, filters, annotations);
    }

    /** A route's {@code templates} override for the sink, relative to the user templates. */
    public SinkTemplates withRouteTemplate(String path) {
        return new SinkTemplates(kind, escaping, bundle, userTemplates, format, path, route, sink, idempotencyKey,
                filters, annotations);
    }

    /** The route, sink and idempotency key the templates see ({@code route}, {@code sink}, {@code idempotencyKey}). */
    public SinkTemplates withDelivery(String routeName, String sinkName, String key) {
        return new SinkTemplates(kind, escaping, bundle, userTemplates, format, routeTemplate, routeName, sinkName,
                key, filters, annotations);
    }

    /** Filters a bundle contributes, as the host adds them while that bundle runs. */
    public SinkTemplates withFilters(TemplateFilters... contributed) {
        List<TemplateFilters> all = new ArrayList<>(filters);
        all.addAll(List.of(contributed));
        return new SinkTemplates(kind, escaping, bundle, userTemplates, format, routeTemplate, route, sink,
                idempotencyKey, List.copyOf(all), annotations);
    }

    /**
     * The route's annotations ({@code annotations.<key>} in a route configuration): templates by
     * key, rendered with the event, that the templates see as {@code annotations.<key>}.
     */
    public SinkTemplates withAnnotations(Map<String, String> routeAnnotations) {
        return new SinkTemplates(kind, escaping, bundle, userTemplates, format, routeTemplate, route, sink,
                idempotencyKey, filters, Map.copyOf(routeAnnotations));
    }

    /**
     * Fails unless the templates show, for the sample event of every record kind, the runbook the
     * catalogue gave it ({@code runbook.category}, {@code .guidance}, {@code .link}) and the route's
     * {@code summary} and {@code runbook} annotations, and show none of them for an event without a
     * runbook on a route without annotations; a JSON body stays valid JSON.
     */
    public void assertShowsRunbookAndAnnotations() throws TemplateRenderingException {
        SinkTemplates annotated = withAnnotations(Map.of("summary", "Summary of {{ event.type }}",
                "runbook", "https://runbooks.example/herald/{{ event.source }}"));
        for (Map.Entry<String, Event> sample : SampleEvents.all().entrySet()) {
            Event event = sample.getValue();
            String body = annotated.render(SampleEvents.withRunbook(event));
            for (String expected : List.of("Summary of " + event.type(), "https://runbooks.example/herald/"
                    + event.source(), SampleEvents.RUNBOOK_CATEGORY, SampleEvents.RUNBOOK_GUIDANCE,
                    SampleEvents.RUNBOOK_LINK)) {
                if (!body.contains(expected)) {
                    throw new AssertionError("the " + sample.getKey() + " body does not show '" + expected + "': "
                            + body);
                }
            }
            String plain = render(event);
            if (plain.contains("Runbook") || plain.contains(SampleEvents.RUNBOOK_GUIDANCE)) {
                throw new AssertionError("the " + sample.getKey() + " body shows a runbook it does not have: " + plain);
            }
            if (escaping == Escaping.JSON) {
                parse(body);
                parse(plain);
            }
        }
    }

    /**
     * The body of a digest: {@code events} (at least one) of one group of a grouping route, sent as
     * one notification, as the dispatcher renders it: the templates see {@code event} (the first),
     * and {@code group.key}, {@code .count}, {@code .first}, {@code .last}, {@code .events} (the
     * first {@link Group#EXAMPLES}) and {@code .more} (how many events it leaves out).
     */
    public String renderDigest(String key, List<Event> events, Severity severity) throws TemplateRenderingException {
        List<Event> shown = events.subList(0, Math.min(Group.EXAMPLES, events.size()));
        DigestGroup group = new DigestGroup(key, events.size(), events.get(0), events.get(events.size() - 1), shown);
        try {
            return renderer().render(new Rendering(events.get(0), route, sink, kind, Escape.of(escaping), format,
                    resources(), routeTemplate, severity, idempotencyKey, List.of(route), annotations, group));
        } catch (TemplateException e) {
            throw new TemplateRenderingException(e.getMessage(), e);
        }
    }

    /**
     * Fails unless the templates render a digest of 37 events (the sample events of every record
     * kind, in turn) sensibly: the body shows the count (37), the group key's values, the first event's id
     * ({@code digest-first}) as an example, the last event's id ({@code digest-last}) and how many
     * events it does not show (27), but no event past the first {@link Group#EXAMPLES} but the last;
     * a JSON body stays valid JSON, also when the key and the events are full of quotes, line
     * breaks and markup.
     */
    public void assertRendersDigest() throws TemplateRenderingException {
        List<Event> samples = List.copyOf(SampleEvents.all().values());
        List<Event> events = new ArrayList<>();
        int count = 37;
        for (int i = 0; i < count; i++) {
            Event sample = samples.get(i % samples.size());
            events.add(SampleEvents.of(sample.source(), digestEventId(i, count), sample.type(), sample.detail()));
        }
        String body = renderDigest("type=ConsoleLogin, detail.userIdentity.arn=arn:aws:iam::111122223333:root", events,
                Severity.HIGH);
        // the key's values: a format may escape its = and , (CEF does)
        for (String expected : List.of("37", "ConsoleLogin", "arn:aws:iam::111122223333:root", "digest-first",
                "digest-last", "27")) {
            if (!body.contains(expected)) {
                throw new AssertionError("the digest body does not show '" + expected + "' (the count 37, the group"
                        + " key's values, the first and the last event, 27 more): " + body);
            }
        }
        String unshown = digestEventId(Group.EXAMPLES, count);
        if (body.contains(unshown)) {
            throw new AssertionError("the digest body shows " + unshown + ", past the first " + Group.EXAMPLES
                    + " events: " + body);
        }
        List<Event> hostile = List.of(SampleEvents.hostile(SampleEvents.CLOUDTRAIL),
                SampleEvents.hostile(SampleEvents.PCE));
        String hostileBody = renderDigest("type=" + SampleEvents.HOSTILE, hostile, Severity.CRITICAL);
        if (escaping == Escaping.JSON) {
            parse(body);
            parse(hostileBody);
        }
    }

    /** Ids without digits, so that the digest's numbers are the only ones in a body. */
    private static String digestEventId(int i, int count) {
        return i == 0 ? "digest-first" : i == count - 1 ? "digest-last"
                : "digest-example-" + (char) ('a' + i % 26) + (char) ('a' + i / 26);
    }

    /**
     * The body for {@code event} at {@code severity}.
     *
     * @throws TemplateRenderingException with the host's message (template, line, cause)
     */
    public String render(Event event, Severity severity) throws TemplateRenderingException {
        try {
            return renderer().render(new Rendering(event, route, sink, kind, Escape.of(escaping), format,
                    resources(), routeTemplate, severity, idempotencyKey, List.of(route), annotations));
        } catch (TemplateException e) {
            throw new TemplateRenderingException(e.getMessage(), e);
        }
    }

    /** The body for {@code event} at its own severity. */
    public String render(Event event) throws TemplateRenderingException {
        return render(event, event.severity());
    }

    /**
     * What the dispatcher hands the sink for {@code event} at {@code severity}: the rendered body
     * with this route, sink and idempotency key, first attempt.
     */
    public Notification notification(Event event, Severity severity) throws TemplateRenderingException {
        return new Notification(event, route, sink, severity, render(event, severity), 1, idempotencyKey);
    }

    /** The body for the sample event of every record kind, by kind ({@link SampleEvents#all()}). */
    public Map<String, String> renderAll() throws TemplateRenderingException {
        Map<String, String> bodies = new LinkedHashMap<>();
        for (Map.Entry<String, Event> sample : SampleEvents.all().entrySet()) {
            bodies.put(sample.getKey(), render(sample.getValue()));
        }
        return bodies;
    }

    /**
     * Fails unless the templates give a Security Hub finding a {@code group_key} that is its id
     * (the ASFF {@code Id}, the OCSF {@code finding_info.uid}) and the other record kinds none: the
     * contract of a ticketing sink that keeps one ticket per finding and updates it.
     */
    public void assertGroupsFindingsById() throws TemplateRenderingException {
        Event asff = SampleEvents.of(SampleEvents.SECURITYHUB);
        assertGroupKey(asff, asff.detail().get("Id").asText());
        JsonNode ocsf = parse("{\"finding_info\":{\"uid\":\"ocsf-7\",\"title\":\"t\"}}");
        assertGroupKey(SampleEvents.of(SampleEvents.SECURITYHUB, "e", "Finding", ocsf), "ocsf-7");
        for (String kind : List.of(SampleEvents.PCE, SampleEvents.CLOUDTRAIL, SampleEvents.JSON)) {
            assertGroupKey(SampleEvents.of(kind, "e", "T", ocsf), null);
        }
    }

    /**
     * Fails unless every https link in the body of a CloudTrail record stays on the AWS console
     * whatever the record's {@code awsRegion} and {@code eventID} hold (a slash, {@code ?}, {@code
     * #}, a backslash or user info meant to move the link's host elsewhere), and there is at least
     * one such link: the host ends with {@code .console.aws.amazon.com} and has no {@code @} or
     * {@code \}. A JSON body is read as the text of its strings.
     */
    public void assertConsoleLinksStayOnTheConsole() throws TemplateRenderingException {
        for (String region : List.of("evil.example/", "evil.example?", "evil.example#", "evil.example\\",
                "a@evil.example:443/")) {
            JsonNode record = MAPPER.createObjectNode().put("eventName", "ConsoleLogin").put("eventID", "e/../../x?y#z")
                    .put("awsRegion", region);
            String text = textOf(render(SampleEvents.of(SampleEvents.CLOUDTRAIL, "c", "x", record), Severity.HIGH));
            Matcher link = LINK_HOST.matcher(text);
            int links = 0;
            while (link.find()) {
                links++;
                String host = link.group(1);
                if (!host.endsWith(".console.aws.amazon.com") || host.contains("@") || host.contains("\\")) {
                    throw new AssertionError("the region " + region + " moves a link to " + host + ": " + text);
                }
            }
            if (links == 0) {
                throw new AssertionError("no https link to the console for the region " + region + ": " + text);
            }
        }
    }

    /**
     * Fails unless the JSON body of every record kind's {@linkplain SampleEvents#hostile hostile}
     * event parses, names no field the sample event's body does not name (hostile text cannot add
     * fields) and carries the hostile markup inside one of its strings.
     */
    public void assertHostileContentStaysInsideStrings() throws TemplateRenderingException {
        if (escaping != Escaping.JSON) {
            throw new IllegalStateException(kind + " bodies are " + escaping + ", not JSON: there are no strings to"
                    + " stay inside");
        }
        for (Map.Entry<String, Event> sample : SampleEvents.all().entrySet()) {
            Set<String> fields = new TreeSet<>();
            collectFieldNames(parse(render(sample.getValue())), fields);
            String body = render(SampleEvents.hostile(sample.getKey()));
            Set<String> hostileFields = new TreeSet<>();
            collectFieldNames(parse(body), hostileFields);
            hostileFields.removeAll(fields);
            if (!hostileFields.isEmpty()) {
                throw new AssertionError("hostile " + sample.getKey() + " content adds the fields " + hostileFields
                        + ": " + body);
            }
            if (!textOf(body).contains("<script>alert(1)</script>")) {
                throw new AssertionError("the hostile " + sample.getKey() + " markup is in no string: " + body);
            }
        }
    }

    private static void collectFieldNames(JsonNode node, Set<String> names) {
        node.fields().forEachRemaining(field -> {
            names.add(field.getKey());
            collectFieldNames(field.getValue(), names);
        });
        if (node.isArray()) {
            node.forEach(element -> collectFieldNames(element, names));
        }
    }

    /** The body as a reader sees its text: a JSON body's strings, one a line; any other body as it is. */
    private String textOf(String body) {
        if (escaping != Escaping.JSON) {
            return body;
        }
        List<String> strings = new ArrayList<>();
        collectStrings(parse(body), strings);
        return String.join("\n", strings);
    }

    private static void collectStrings(JsonNode node, List<String> strings) {
        if (node.isTextual()) {
            strings.add(node.asText());
        }
        node.forEach(child -> collectStrings(child, strings));
    }

    private void assertGroupKey(Event event, String expected) throws TemplateRenderingException {
        JsonNode groupKey = parse(render(event)).get("group_key");
        String actual = groupKey == null ? null : groupKey.asText();
        if (!java.util.Objects.equals(expected, actual)) {
            throw new AssertionError("group_key of a " + event.source() + " record: expected " + expected + ", was "
                    + actual);
        }
    }

    private static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    private synchronized TemplateRenderer renderer() {
        if (renderer == null) {
            renderer = new TemplateRenderer(userTemplates());
            renderer.setRecordKinds(HeraldKinds.all());
            filters.forEach(renderer::addFilters);
        }
        return renderer;
    }

    private Path userTemplates() {
        if (userTemplates != null) {
            return userTemplates;
        }
        try {
            return Files.createTempDirectory("herald-no-user-templates");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SinkResources resources() {
        Path root = bundle.toAbsolutePath().normalize();
        return new SinkResources() {
            @Override
            public URL entry(String path) {
                Path file = root.resolve(path).normalize();
                try {
                    return file.startsWith(root) && Files.isRegularFile(file) ? file.toUri().toURL() : null;
                } catch (MalformedURLException e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public long version() {
                return 0;
            }

            @Override
            public String name() {
                return "dev.herald.sink." + kind;
            }
        };
    }

    private static String componentDescription(Class<?> sinkClass) {
        String path = "/OSGI-INF/" + sinkClass.getName() + ".xml";
        try (InputStream in = sinkClass.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no component description " + path + " for " + sinkClass.getName()
                        + ": bnd writes it when the classes are processed (bnd-process runs before the tests in"
                        + " Herald's build); or name the kind and escaping with of(kind, escaping)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
