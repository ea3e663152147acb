package dev.herald.testkit.source;

import java.util.HashMap;
import java.util.Map;
import org.osgi.util.converter.Converters;

/**
 * A component's configuration annotation (its {@code Config}, or a shared one such as {@code
 * AwsConnection}) built from properties named as in its .cfg file, exactly as Declarative Services
 * builds it: {@code poll_interval} is {@code poll__interval()}, values are converted to the
 * method's type, a property left out is the method's default. Works for any component, source or
 * sink:
 *
 * <pre>{@code
 * TypedConfig props = TypedConfig.of("name", "files", "directory", dir.toString()).with("batch_size", 2);
 * FileSource.Config config = props.as(FileSource.Config.class);
 * }</pre>
 */
public final class TypedConfig {
    private final Map<String, Object> properties = new HashMap<>();

    private TypedConfig() {
        properties.put("service.pid", ""); // DS always sets it
    }

    /** Properties given as name, value, name, value, ... */
    public static TypedConfig of(Object... namesAndValues) {
        return new TypedConfig().with(namesAndValues);
    }

    /** These properties, named as in a .cfg file. */
    public static TypedConfig from(Map<String, ?> properties) {
        TypedConfig config = new TypedConfig();
        config.properties.putAll(properties);
        return config;
    }

    /** Sets (or replaces) properties given as name, value, name, value, ... */
    public TypedConfig with(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("properties come in name, value pairs: " + namesAndValues.length
                    + " values given");
        }
        for (int i = 0; i < namesAndValues.length; i += 2) {
            properties.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return this;
    }

    /** Removes a property: its method then returns its default. */
    public TypedConfig without(String name) {
        properties.remove(name);
        return this;
    }

    /** The properties as a .cfg file would give them to Config Admin. */
    public Map<String, Object> properties() {
        return Map.copyOf(properties);
    }

    /** The properties as the annotation {@code type}, as DS would pass it to the component. */
    public <A> A as(Class<A> type) {
        return Converters.standardConverter().convert(properties).to(type);
    }
}
