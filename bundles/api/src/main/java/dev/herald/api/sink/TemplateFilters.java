package dev.herald.api.sink;

import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Pebble filters a plugin bundle adds to Herald's templates, such as the escaping of a SIEM format
 * its templates write. Register an implementation as an OSGi service; the host adds its filters to
 * every template engine while the service is there ({@code {{ event.type | cef }}}). A name the
 * host already has (json, html, truncate, …) or another bundle registered first is not replaced:
 * the host logs it and keeps the first.
 */
@ConsumerType
public interface TemplateFilters {

    /** The filters by name: letters, digits and {@code _}. */
    Map<String, Filter> filters();

    /** One filter: text in, text out; the host's escaping for the sink's body follows. */
    interface Filter {
        /** The names of the filter's arguments, in order ({@code leef('^')}); none by default. */
        default List<String> argumentNames() {
            return List.of();
        }

        /**
         * The filtered text.
         *
         * @param input     the value, as text ({@code ""} for null)
         * @param arguments the arguments given, by name; absent ones are missing
         * @throws IllegalArgumentException for a bad argument: the template fails with this message
         */
        String apply(String input, Map<String, Object> arguments);
    }
}
