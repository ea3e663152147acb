package dev.herald.webconsole;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.api.admin.DeliveryView;
import dev.herald.api.admin.EventView;
import dev.herald.api.admin.HeraldAdmin;
import dev.herald.api.admin.SilenceRequest;
import dev.herald.api.admin.SilenceView;
import dev.herald.api.record.RecordKinds;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.apache.felix.webconsole.AbstractWebConsolePlugin;
import org.apache.karaf.features.FeaturesService;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Herald page of the web console ({@code /system/console/herald}). The page is a shell the
 * script in {@code res/herald.js} fills from this plugin's JSON endpoints under {@code api/};
 * everything that changes Herald is a POST that needs the admin role and the session's CSRF
 * token. Reads and acts only through {@link HeraldAdmin} and Karaf's {@link FeaturesService}.
 */
@Component(service = Servlet.class, property = {
    "felix.webconsole.label=" + HeraldConsolePlugin.LABEL,
    "felix.webconsole.title=Herald",
    "felix.webconsole.category=Herald"
})
public class HeraldConsolePlugin extends AbstractWebConsolePlugin {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(HeraldConsolePlugin.class);

    static final String LABEL = "herald";
    private static final String API = "/api/";
    /** Delivery attempts searched for one event's history (the store keeps the most recent ones). */
    private static final int HISTORY_LIMIT = 5000;
    /** A pasted or uploaded route-test record larger than this is refused. */
    static final int MAX_RECORD_CHARS = 1024 * 1024;

    private final transient HeraldAdmin admin;
    private final transient PluginCatalog plugins;
    /** What pasted records are recognised as, as the sources would read them. */
    private final transient RecordKinds kinds;
    private final transient ObjectMapper json = ConsoleJson.mapper();

    @Activate
    public HeraldConsolePlugin(@Reference HeraldAdmin admin, @Reference FeaturesService features,
                               BundleContext context, @Reference RecordKinds kinds) {
        this.admin = admin;
        this.kinds = kinds;
        this.plugins = new PluginCatalog(features, admin);
        activate(context);
    }

    @Override
    @Deactivate
    public void deactivate() {
        super.deactivate();
    }

    @Override
    public String getLabel() {
        return LABEL;
    }

    @Override
    public String getTitle() {
        return "Herald";
    }

    @Override
    public String getCategory() {
        return "Herald";
    }

    @Override
    protected String[] getCssReferences() {
        return new String[] {"/" + LABEL + "/res/herald.css"};
    }

    /** Serves {@code /herald/res/*} from the bundle (the web console finds this method by name). */
    public URL getResource(String path) {
        String prefix = "/" + LABEL + "/res/";
        return path.startsWith(prefix) && !path.contains("..")
                ? getClass().getResource("/res/" + path.substring(prefix.length())) : null;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String call = apiCall(request);
        if (call == null) {
            try {
                super.doGet(request, response);
            } catch (javax.servlet.ServletException e) {
                throw new IOException(e);
            }
            return;
        }
        respond(response, () -> switch (call) {
            case "pipeline" -> pipeline();
            case "events" -> events(EventQuery.of(request));
            case "event" -> event(required(request, "id"));
            case "deadletters" -> admin.deadLetters(blankToNull(request.getParameter("sink")), EventQuery.MAX_LIMIT);
            case "quarantine" -> admin.quarantine(blankToNull(request.getParameter("source")), EventQuery.MAX_LIMIT);
            case "silences" -> admin.silences();
            case "plugins" -> plugins.list();
            default -> throw new NotFound(call);
        });
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String call = apiCall(request);
        if (call == null) {
            fail(response, HttpServletResponse.SC_NOT_FOUND, "POST only goes to the page's api/ calls");
            return;
        }
        if (!AdminRole.granted(request)) {
            fail(response, HttpServletResponse.SC_FORBIDDEN, "changing Herald needs the " + AdminRole.ROLE + " role");
            return;
        }
        if (!CsrfTokens.verify(request)) {
            fail(response, HttpServletResponse.SC_FORBIDDEN,
                    "the request lacks this session's " + CsrfTokens.HEADER + " token: reload the page and try again");
            return;
        }
        respond(response, () -> switch (call) {
            case "deadletters/retry" -> Map.of("moved", admin.retryDeadLetters(
                    blankToNull(request.getParameter("sink")), ids(request)));
            case "deadletters/purge" -> Map.of("purged", admin.purgeDeadLetters(
                    blankToNull(request.getParameter("sink")), ids(request)));
            case "quarantine/purge" -> Map.of("purged", admin.purgeQuarantine(
                    blankToNull(request.getParameter("source")), ids(request)));
            case "quarantine/retry" -> admin.retryQuarantine(blankToNull(request.getParameter("source")), ids(request));
            case "silences/add" -> addSilence(request);
            case "silences/expire" -> {
                List<Long> chosen = ids(request);
                if (chosen.size() != 1) {
                    throw new IllegalArgumentException("give the id of the one silence to expire");
                }
                yield admin.expireSilence(chosen.get(0), ConsoleUser.of(request));
            }
            case "route-test" -> routeTest(request);
            case "send-test" -> admin.sendTest(required(request, "sink"), null);
            case "plugins/install" -> {
                plugins.install(required(request, "name"), blankToNull(request.getParameter("version")));
                yield plugins.list();
            }
            case "plugins/uninstall" -> {
                plugins.uninstall(required(request, "name"));
                yield plugins.list();
            }
            default -> throw new NotFound(call);
        });
    }

    /** The page: a shell with the tabs, the CSRF token and the script that fills it. */
    @Override
    protected void renderContent(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String appRoot = String.valueOf(request.getAttribute("felix.webconsole.appRoot"));
        PrintWriter out = response.getWriter();
        out.print(Page.render(appRoot, CsrfTokens.of(request), AdminRole.granted(request)));
    }

    private Map<String, Object> pipeline() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("at", Instant.now());
        view.put("overview", admin.overview());
        view.put("sources", admin.sources());
        view.put("routes", admin.routes());
        view.put("sinks", admin.sinks());
        return view;
    }

    private List<EventView> events(EventQuery query) {
        List<EventView> found = new ArrayList<>();
        for (EventView view : admin.events(query.text(), EventQuery.MAX_LIMIT)) {
            if (found.size() == query.limit()) {
                break;
            }
            if (query.matches(view)) {
                found.add(view);
            }
        }
        return found;
    }

    private Map<String, Object> event(String id) {
        EventView view = admin.event(id).orElseThrow(() -> new NotFound("event " + id
                + " (not among the recently received events; herald:events lists them)"));
        List<DeliveryView> deliveries = admin.history(HISTORY_LIMIT).stream()
                .filter(d -> id.equals(d.eventId())).toList();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("view", view);
        detail.put("deliveries", deliveries);
        return detail;
    }

    private Map<String, Object> routeTest(HttpServletRequest request) throws IOException {
        String text = new String(request.getInputStream().readNBytes(MAX_RECORD_CHARS * 4 + 1), StandardCharsets.UTF_8);
        if (text.length() > MAX_RECORD_CHARS) {
            throw new IllegalArgumentException("the record is larger than " + MAX_RECORD_CHARS / 1024
                    + " KiB: test one record or a small file");
        }
        if (text.isBlank()) {
            throw new IllegalArgumentException("paste a record (JSON, JSON Lines or a CloudTrail log file) to test");
        }
        String instance = request.getParameter("instance");
        PastedRecords.Parsed parsed = PastedRecords.parse(text, instance == null || instance.isBlank() ? "route-test" : instance.trim(),
                kinds);
        List<Map<String, Object>> results = new ArrayList<>();
        for (var event : parsed.events()) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("event", event);
            result.put("matches", admin.routeTest(event));
            results.add(result);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("results", results);
        out.put("unreadable", parsed.unreadable());
        return out;
    }

    /** Adds a silence: the pattern is the body, the rest are parameters; the console's user is its creator. */
    private SilenceView addSilence(HttpServletRequest request) throws IOException {
        String pattern = new String(request.getInputStream().readNBytes(MAX_RECORD_CHARS * 4 + 1), StandardCharsets.UTF_8);
        if (pattern.length() > MAX_RECORD_CHARS) {
            throw new IllegalArgumentException("the pattern is larger than " + MAX_RECORD_CHARS / 1024 + " KiB");
        }
        String[] sinks = request.getParameterValues("sink");
        List<String> chosen = sinks == null ? List.of() : Arrays.stream(sinks).map(String::trim)
                .filter(s -> !s.isEmpty()).toList();
        return admin.addSilence(new SilenceRequest(pattern, chosen,
                SilenceRequest.duration(request.getParameter("for"), "Duration"), request.getParameter("comment"),
                ConsoleUser.of(request)));
    }

    private static List<Long> ids(HttpServletRequest request) {
        String[] values = request.getParameterValues("id");
        if (values == null) {
            return List.of();
        }
        return Arrays.stream(values).map(v -> {
            try {
                return Long.parseLong(v.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("id '" + v + "' is not a number: give the Id column's value");
            }
        }).toList();
    }

    /** The API call a request names ({@code /herald/api/<call>}), or null for the page itself. */
    static String apiCall(HttpServletRequest request) {
        String path = request.getPathInfo();
        String prefix = "/" + LABEL + API;
        return path != null && path.startsWith(prefix) ? path.substring(prefix.length()) : null;
    }

    private static String required(HttpServletRequest request, String name) {
        String value = blankToNull(request.getParameter(name));
        if (value == null) {
            throw new IllegalArgumentException("parameter '" + name + "' is missing");
        }
        return value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    @FunctionalInterface
    private interface Call {
        Object run() throws Exception;
    }

    private void respond(HttpServletResponse response, Call call) throws IOException {
        Object result;
        try {
            result = call.run();
        } catch (NotFound e) {
            fail(response, HttpServletResponse.SC_NOT_FOUND, "no " + e.getMessage());
            return;
        } catch (IllegalArgumentException e) {
            fail(response, HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
            return;
        } catch (Exception e) {
            LOG.warn("Herald web console call failed", e);
            fail(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, String.valueOf(e.getMessage()));
            return;
        }
        write(response, HttpServletResponse.SC_OK, result);
    }

    private void fail(HttpServletResponse response, int status, String message) throws IOException {
        write(response, status, Map.of("error", message));
    }

    private void write(HttpServletResponse response, int status, Object body) throws IOException {
        response.setStatus(status);
        response.setContentType(ConsoleJson.CONTENT_TYPE);
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.getOutputStream().write(json.writeValueAsBytes(body));
    }

    /** An API call or an object that does not exist. */
    private static final class NotFound extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotFound(String what) {
            super(what, null, false, false);
        }
    }
}
