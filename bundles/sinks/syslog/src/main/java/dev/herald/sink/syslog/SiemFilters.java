package dev.herald.sink.syslog;

import dev.herald.api.sink.TemplateFilters;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * The filters the syslog formats' templates write with, contributed to Herald's template engine
 * so that the escaping of each SIEM format lives here once and every template (the bundle's and a
 * user's override) uses it: {@code cef_header}, {@code cef}, {@code leef_header}, {@code
 * leef(delimiter)}, {@code logrhythm} and {@code siem_severity} (the 0 to 10 scale of CEF and LEEF).
 */
@Component(service = TemplateFilters.class)
public final class SiemFilters implements TemplateFilters {
    private static final Map<String, Filter> FILTERS = Map.of(
            "cef_header", (input, args) -> SiemFields.header(input),
            "cef", (input, args) -> SiemFields.cefValue(input),
            "leef_header", (input, args) -> SiemFields.header(input),
            "leef", new Leef(),
            "logrhythm", (input, args) -> SiemFields.logRhythmValue(input),
            "siem_severity", (input, args) -> SiemFields.severity(input));

    @Override
    public Map<String, Filter> filters() {
        return FILTERS;
    }

    /** A LEEF 2.0 attribute value; the delimiter is a tab unless named as in the header ({@code leef('^')}). */
    private static final class Leef implements Filter {
        @Override
        public List<String> argumentNames() {
            return List.of("delimiter");
        }

        @Override
        public String apply(String input, Map<String, Object> arguments) {
            Object delimiter = arguments.get("delimiter");
            return SiemFields.leefValue(input, delimiter == null ? '\t' : SiemFields.leefDelimiter(delimiter.toString()));
        }
    }
}
