package dev.herald.testkit.source;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
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

    /**
     * The properties as the annotation {@code type}, as DS would pass it to the component: each
     * method reads the property its name maps to (Declarative Services 1.3, 112.8.2.2), converted
     * to its return type; a property that is not set gives the method's default, or null (zero for
     * a primitive) when it has none, as DS gives it.
     */
    public <A> A as(Class<A> type) {
        Map<String, Object> values = properties();
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> switch (method.getName()) {
                    case "annotationType" -> type;
                    case "toString" -> type.getSimpleName() + values.keySet(); // names only: values may be secrets
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> value(values.get(property(method.getName())), method);
                }));
    }

    private static Object value(Object value, Method method) {
        if (value != null) {
            return Converters.standardConverter().convert(value).to(method.getGenericReturnType());
        }
        if (method.getDefaultValue() != null) {
            return method.getDefaultValue();
        }
        Class<?> type = method.getReturnType();
        return type.isPrimitive() ? Converters.standardConverter().convert(0).to(type) : null;
    }

    /** The property a method reads: {@code $$} is $, {@code $_$} is -, {@code __} is _, {@code _} is a dot. */
    static String property(String method) {
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < method.length(); i++) {
            char c = method.charAt(i);
            if (method.startsWith("$$", i)) {
                name.append('$');
                i++;
            } else if (method.startsWith("$_$", i)) {
                name.append('-');
                i += 2;
            } else if (c == '$') {
                continue;
            } else if (method.startsWith("__", i)) {
                name.append('_');
                i++;
            } else {
                name.append(c == '_' ? '.' : c);
            }
        }
        return name.toString();
    }
}
