package dev.herald.core;

import java.lang.reflect.Proxy;

/** A {@link CoreConfig} holding every attribute's default, as if no configuration existed. */
final class Defaults {
    static final CoreConfig CONFIG = (CoreConfig) Proxy.newProxyInstance(CoreConfig.class.getClassLoader(),
            new Class<?>[] {CoreConfig.class}, (proxy, method, args) -> {
                if (method.getName().equals("annotationType")) {
                    return CoreConfig.class;
                }
                Object value = method.getDefaultValue();
                if (value == null) {
                    throw new UnsupportedOperationException(method.getName());
                }
                return value;
            });

    private Defaults() {
    }
}
