package dev.herald.core.template;

import dev.herald.api.sink.TemplateFilters;
import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The filters plugin bundles contribute ({@link TemplateFilters}), as one Pebble extension. A name
 * the engine already has, or that a bundle registered first, is refused with a log line: a plugin
 * must not change what {@code json} or another plugin's filter means.
 */
final class ContributedFilters extends AbstractExtension {
    private static final Logger LOG = LoggerFactory.getLogger(ContributedFilters.class);

    private final Map<String, Filter> filters = new LinkedHashMap<>();

    /**
     * @param contributions the registered services, first registered first
     * @param builtIn       whether the engine already has a filter of that name
     */
    ContributedFilters(List<TemplateFilters> contributions, Predicate<String> builtIn) {
        for (TemplateFilters contribution : contributions) {
            contribution.filters().forEach((name, filter) -> {
                if (builtIn.test(name) || filters.containsKey(name)) {
                    LOG.warn("Template filter '{}' of {} is not added: a filter of that name exists already", name,
                            contribution.getClass().getName());
                } else {
                    filters.put(name, new Adapter(filter));
                }
            });
        }
    }

    @Override
    public Map<String, Filter> getFilters() {
        return filters;
    }

    /** A contributed filter as Pebble calls it: text in, text out; the engine's escaping follows. */
    private record Adapter(TemplateFilters.Filter filter) implements Filter {
        @Override
        public List<String> getArgumentNames() {
            return filter.argumentNames();
        }

        @Override
        public Object apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext ctx,
                            int line) {
            return filter.apply(input == null ? "" : input.toString(), args);
        }
    }
}
