package dev.herald.core.template;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Template variables, in the order they were put, some of which are worked out only when a
 * template reads them: most templates read few of an event's variables (the json syslog template
 * only {@code raw}), and turning a whole detail tree into maps for each delivery costs more than
 * the rest of the rendering. A value worked out once is kept. One rendering, one thread.
 */
final class LazyMap extends AbstractMap<String, Object> {
    private final Map<String, Object> values = new LinkedHashMap<>();

    /** A value known now. */
    LazyMap with(String key, Object value) {
        values.put(key, value);
        return this;
    }

    /** A value worked out when first read. */
    LazyMap later(String key, Supplier<Object> value) {
        values.put(key, new Later(value));
        return this;
    }

    @Override
    public Object get(Object key) {
        Object v = values.get(key);
        return v instanceof Later later ? later.value() : v;
    }

    @Override
    public boolean containsKey(Object key) {
        return values.containsKey(key);
    }

    @Override
    public int size() {
        return values.size();
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
                Iterator<Entry<String, Object>> it = values.entrySet().iterator();
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return it.hasNext();
                    }

                    @Override
                    public Entry<String, Object> next() {
                        Entry<String, Object> e = it.next();
                        Object v = e.getValue();
                        return new SimpleImmutableEntry<>(e.getKey(), v instanceof Later later ? later.value() : v);
                    }
                };
            }

            @Override
            public int size() {
                return values.size();
            }
        };
    }

    /** A value to work out once, when first read. */
    private static final class Later {
        private Supplier<Object> supplier;
        private Object value;

        Later(Supplier<Object> supplier) {
            this.supplier = supplier;
        }

        Object value() {
            if (supplier != null) {
                value = supplier.get();
                supplier = null;
            }
            return value;
        }
    }
}
