package dev.herald.source.pce;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/** A {@link PceSource.Config} as DS builds it from configuration properties (named as in a .cfg file). */
final class TestConfig {

    /** The instance name of the configuration, under which the journal keeps its state. */
    static final String NAME = "pce";

    private TestConfig() {
    }

    static PceSource.Config config(Object... keysAndValues) {
        Map<String, Object> values = new HashMap<>();
        values.put("name", NAME);
        values.put("pce_url", "https://pce.example.com:8443");
        values.put("api_user", PceEmulator.USER);
        values.put("api_secret", PceEmulator.SECRET);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return (PceSource.Config) Proxy.newProxyInstance(PceSource.Config.class.getClassLoader(),
                new Class<?>[] {PceSource.Config.class}, (proxy, method, args) -> {
                    String property = method.getName().replace("__", "_");
                    if (values.containsKey(property)) {
                        return values.get(property);
                    }
                    if (method.getName().equals("annotationType")) {
                        return PceSource.Config.class;
                    }
                    return method.getDefaultValue();
                });
    }

    static PceSettings settings(Object... keysAndValues) {
        return PceSettings.from(config(keysAndValues), "");
    }
}
