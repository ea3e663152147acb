package dev.herald.testkit.sink;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.osgi.util.converter.Converter;
import org.osgi.util.converter.Converters;

/**
 * A plugin's configuration as Declarative Services gives it to the component: the same properties
 * converted to the {@code Config} annotation and to every other component property type the
 * constructor takes ({@code HttpConnection}, {@code ServicePid}, …), by the OSGi converter DS
 * uses. Properties are set by name, or typed, through the annotation's own methods:
 *
 * <pre>{@code
 * SinkConfig<AcmeSink.Config> config = SinkConfig.of(AcmeSink.Config.class)
 *         .set(AcmeSink.Config::name, "acme")
 *         .set(AcmeSink.Config::api__url, server.uri("/"))      // the property api_url
 *         .set("service.pid", "dev.herald.sink.acme~1");
 * new AcmeSink(config.get(), config.as(ServicePid.class), config.as(HttpConnection.class), clients);
 * AcmeSink same = config.activate(AcmeSink.class, HttpClients.standalone());   // as DS does it
 * }</pre>
 *
 * Immutable: {@code set} and {@code without} return a changed copy.
 */
public final class SinkConfig<T> {
    private static final Converter CONVERTER = Converters.standardConverter();

    private final Class<T> type;
    private final Map<String, Object> properties;

    private SinkConfig(Class<T> type, Map<String, Object> properties) {
        this.type = type;
        this.properties = properties;
    }

    /** No properties yet: the annotation's defaults. */
    public static <T> SinkConfig<T> of(Class<T> type) {
        return new SinkConfig<>(type, Map.of());
    }

    /** The given properties. */
    public static <T> SinkConfig<T> of(Class<T> type, Map<String, ?> properties) {
        return new SinkConfig<>(type, Map.copyOf(properties));
    }

    /**
     * A changeable copy of {@code base} with {@code keyValues} (name, value, name, value, …) put
     * over it: a test's valid configuration with the settings a case changes.
     */
    public static Map<String, Object> properties(Map<String, ?> base, Object... keyValues) {
        Map<String, Object> properties = new HashMap<>(base);
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.put((String) keyValues[i], keyValues[i + 1]);
        }
        return properties;
    }

    /** With {@code property} set to {@code value} (anything the converter turns into the attribute's type). */
    public SinkConfig<T> set(String property, Object value) {
        Map<String, Object> changed = new LinkedHashMap<>(properties);
        changed.put(property, value);
        return new SinkConfig<>(type, changed);
    }

    /** With the property of {@code attribute} (e.g. {@code Config::read__timeout}, the property read_timeout) set. */
    public SinkConfig<T> set(Function<T, ?> attribute, Object value) {
        return set(propertyOf(attribute), value);
    }

    /** Without {@code property}: the annotation's default, or null for an attribute without one. */
    public SinkConfig<T> without(String property) {
        Map<String, Object> changed = new LinkedHashMap<>(properties);
        changed.remove(property);
        return new SinkConfig<>(type, changed);
    }

    /** Without the property of {@code attribute}. */
    public SinkConfig<T> without(Function<T, ?> attribute) {
        return without(propertyOf(attribute));
    }

    /** The configuration as the annotation. */
    public T get() {
        return as(type);
    }

    /**
     * The same properties as another component property type. As with DS, an attribute without a
     * default and without a property is null (0, false), not an error.
     */
    public <U> U as(Class<U> propertyType) {
        Map<String, Object> all = new HashMap<>(properties);
        for (Method attribute : propertyType.getDeclaredMethods()) {
            String property = propertyName(attribute.getName());
            if (attribute.getDefaultValue() == null && !all.containsKey(property)) {
                all.put(property, defaultFor(attribute));
            }
        }
        return CONVERTER.convert(all).to(propertyType);
    }

    /**
     * The component activated as DS activates it with this configuration: its public constructor
     * (the one with the most parameters) gets every component property type parameter converted
     * from these properties ({@code service.pid} empty unless set, as DS always sets it) and every
     * other parameter from {@code references} by type, e.g. {@code HttpClients.standalone()}.
     *
     * @throws IllegalArgumentException as the constructor throws it for a bad configuration
     */
    public <S> S activate(Class<S> component, Object... references) {
        Constructor<?> constructor = Arrays.stream(component.getConstructors())
                .max(Comparator.comparingInt(Constructor::getParameterCount))
                .orElseThrow(() -> new IllegalArgumentException(component.getName() + " has no public constructor"));
        SinkConfig<T> withPid = properties.containsKey("service.pid") ? this : set("service.pid", "");
        Object[] args = new Object[constructor.getParameterCount()];
        Class<?>[] types = constructor.getParameterTypes();
        for (int i = 0; i < types.length; i++) {
            Class<?> type = types[i];
            args[i] = type.isAnnotation() ? withPid.as(type) : Arrays.stream(references).filter(type::isInstance)
                    .findFirst().orElseThrow(() -> new IllegalArgumentException(component.getName()
                            + " takes a " + type.getName() + ": pass one to activate"));
        }
        try {
            return component.cast(constructor.newInstance(args));
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The properties, as set. */
    public Map<String, Object> properties() {
        return properties;
    }

    /** The property name of an annotation method, as DS maps it: {@code __} is {@code _}, a single {@code _} a dot. */
    public String propertyOf(Function<T, ?> attribute) {
        String[] called = new String[1];
        @SuppressWarnings("unchecked")
        T recorder = (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            called[0] = method.getName();
            return defaultFor(method);
        });
        attribute.apply(recorder);
        if (called[0] == null) {
            throw new IllegalArgumentException("the function given is not an attribute of " + type.getName());
        }
        return propertyName(called[0]);
    }

    private static String propertyName(String method) {
        return method.replace("__", "\u0000").replace('_', '.').replace('\u0000', '_');
    }

    private static Object defaultFor(Method method) {
        Class<?> r = method.getReturnType();
        if (r == boolean.class) {
            return false;
        }
        if (r == int.class || r == long.class || r == short.class || r == byte.class) {
            return CONVERTER.convert(0).to(r);
        }
        if (r == double.class || r == float.class) {
            return CONVERTER.convert(0.0).to(r);
        }
        if (r == char.class) {
            return '\0';
        }
        return null;
    }
}
