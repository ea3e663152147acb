package dev.herald.core.template;

import dev.herald.api.Event;
import dev.herald.api.record.RecordKinds;
import dev.herald.api.sink.TemplateFilters;
import dev.herald.core.CoreConfig;
import dev.herald.core.CoreSettings;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders notification bodies with Pebble. One engine per body type autoescapes every output for
 * that type; compiled templates are cached and compiled again when their file or bundle changes.
 * Filters plugin bundles contribute ({@link TemplateFilters}) join every engine; when they come or
 * go, the engines are built again and the cache emptied. Templates see each event's {@code summary}
 * from its record kind ({@link RecordKinds#summary}), computed here when a template reads it, never stored.
 */
@Component(service = TemplateRenderer.class, configurationPid = CoreConfig.PID)
public final class TemplateRenderer {
    /**
     * A body may have this many characters, plus {@link #BODY_CHARS_PER_RAW_CHAR} per character of
     * the event's record: a default template writes the record up to twice (the raw text and its
     * fields), each escaped for the body up to six characters per character (a control character
     * as a six-character JSON escape), so every record a source accepts renders, however large its
     * {@code max_record_bytes}, while a runaway template still stops.
     */
    static final long BASE_BODY_CHARS = 1 << 20;
    static final long BODY_CHARS_PER_RAW_CHAR = 16;

    private static final Logger LOG = LoggerFactory.getLogger(TemplateRenderer.class);

    private final TemplateLocator locator;
    private final SourceLoader loader = new SourceLoader();
    private final List<TemplateFilters> contributed = new CopyOnWriteArrayList<>();
    private final Map<Object, Compiled> cache = new ConcurrentHashMap<>();
    private volatile Map<Escape, PebbleEngine> engines;
    /** The record kinds that give events their summaries; none (every summary generic) until set. */
    private volatile RecordKinds kinds = RecordKinds.of();

    @Activate
    public TemplateRenderer(CoreConfig config) {
        this(CoreSettings.from(config).templatesDirectory());
    }

    public TemplateRenderer(Path templatesDirectory) {
        this(new TemplateLocator(templatesDirectory));
    }

    /** With the clock of the template lookups' recheck ({@link TemplateLocator#RECHECK_NANOS}) replaceable, for tests. */
    TemplateRenderer(Path templatesDirectory, LongSupplier nanoTime) {
        this(new TemplateLocator(templatesDirectory, nanoTime));
    }

    private TemplateRenderer(TemplateLocator locator) {
        this.locator = locator;
        this.engines = engines(List.of());
    }

    /** The record kinds whose summaries templates show ({@code summary.title}, …). */
    @Reference
    public void setRecordKinds(RecordKinds recordKinds) {
        this.kinds = recordKinds;
    }

    /** Adds a plugin's filters to every engine. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addFilters(TemplateFilters filters) {
        contributed.add(filters);
        rebuild();
    }

    public void removeFilters(TemplateFilters filters) {
        contributed.remove(filters);
        rebuild();
    }

    private synchronized void rebuild() {
        engines = engines(List.copyOf(contributed));
        cache.clear();
    }

    private Map<Escape, PebbleEngine> engines(List<TemplateFilters> filters) {
        Map<Escape, PebbleEngine> built = new EnumMap<>(Escape.class);
        for (Escape e : Escape.values()) {
            HeraldFilters herald = new HeraldFilters(e);
            PebbleEngine base = builder(e, herald).build();
            built.put(e, builder(e, herald).extension(new ContributedFilters(filters,
                    name -> base.getExtensionRegistry().getFilter(name) != null)).build());
        }
        return built;
    }

    private PebbleEngine.Builder builder(Escape e, HeraldFilters herald) {
        return new PebbleEngine.Builder().loader(loader).extension(herald)
                .autoEscaping(e != Escape.NONE).defaultEscapingStrategy(e == Escape.JSON ? "json" : "html")
                .addEscapingStrategy("json", HeraldFilters.JSON_STRING).cacheActive(false);
    }

    /** The body for a rendering; a failure names the template and, when known, the line. */
    public String render(Rendering r) throws TemplateException {
        TemplateSource source;
        try {
            source = locator.locate(r);
        } catch (IOException e) {
            throw new TemplateException("cannot read the template for sink " + r.sink() + ": " + e, e);
        }
        try {
            Compiled compiled = compiled(source, r.escape());
            if (compiled.recordOnly != null) {
                return compiled.recordOnly.body(r.event().raw());
            }
            BoundedWriter out = bodyFor(r);
            LazyMap context = TemplateContext.of(r);
            // a kind's summary may parse the whole detail: only for a template that reads it
            context.later("summary", () -> kinds.summary(r.event()).asMap());
            context.with("annotations", annotations(r, context));
            compiled.template.evaluate(out, context);
            return out.toString();
        } catch (PebbleException e) {
            throw new TemplateException("template " + source.name()
                    + (e.getLineNumber() == null ? "" : " line " + e.getLineNumber()) + ": " + e.getPebbleMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new TemplateException("template " + source.name() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The route's annotations rendered as plain text with the event's variables (the sink's template
     * escapes them). One that fails to render is left out and logged: the notification still goes.
     */
    private Map<String, String> annotations(Rendering r, Map<String, Object> context) {
        if (r.annotations().isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        r.annotations().forEach((key, text) -> {
            try {
                StringWriter value = new StringWriter();
                annotation(text).evaluate(value, context);
                out.put(key, value.toString());
            } catch (IOException | RuntimeException e) {
                LOG.warn("route {}: annotations.{} could not be rendered for event {}, sent without it: {}",
                        r.route(), key, r.event().id(), e.getMessage());
            }
        });
        return out;
    }

    /** An annotation's compiled template, cached by its text (a route's annotations change only with its configuration). */
    private PebbleTemplate annotation(String text) {
        String key = "annotation|" + text;
        Compiled c = cache.get(key);
        if (c == null) {
            c = new Compiled(0, engines.get(Escape.NONE).getLiteralTemplate(text), null);
            cache.put(key, c);
        }
        return c.template;
    }

    /** A digest's body may write the records of every event it shows. */
    private static BoundedWriter bodyFor(Rendering r) {
        long raw = shownRawLength(r);
        return new BoundedWriter(BASE_BODY_CHARS + BODY_CHARS_PER_RAW_CHAR * raw, () -> BASE_BODY_CHARS + " + "
                + BODY_CHARS_PER_RAW_CHAR + " per character of the " + raw + " characters of the events' records");
    }

    /** The characters of the records a body may show: its event's, or a digest's shown events' and last's. */
    private static long shownRawLength(Rendering r) {
        if (r.group() == null) {
            return rawLength(r.event());
        }
        // a plain loop: this runs for every delivery
        long raw = 0;
        for (Event e : r.group().events()) {
            raw += rawLength(e);
        }
        if (!r.group().events().contains(r.group().last())) {
            raw += rawLength(r.group().last());
        }
        return raw;
    }

    private static long rawLength(Event e) {
        return e.raw() == null ? 0 : e.raw().length();
    }

    private Compiled compiled(TemplateSource source, Escape escape) throws IOException {
        // a record, not a concatenated string: this runs for every delivery
        CompiledKey key = new CompiledKey(escape, source.name());
        Compiled c = cache.get(key);
        if (c == null || c.version != source.version()) {
            String text = source.text();
            loader.put(source.name(), text);
            PebbleTemplate template = engines.get(escape).getTemplate(source.name());
            c = new Compiled(source.version(), template, RecordOnlyTemplate.of(text, template, escape));
            cache.put(key, c);
        }
        return c;
    }

    /** A compiled template; {@code recordOnly} its shortcut when it prints the record and nothing else, else null. */
    private record Compiled(long version, PebbleTemplate template, RecordOnlyTemplate recordOnly) {
    }

    /** A template compiled for a body type. */
    private record CompiledKey(Escape escape, String name) {
    }
}
