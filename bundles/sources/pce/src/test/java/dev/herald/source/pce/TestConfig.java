package dev.herald.source.pce;

import dev.herald.testkit.source.TypedConfig;

/** A {@link PceSource.Config} as DS builds it from configuration properties (named as in a .cfg file). */
final class TestConfig {

    /** The instance name of the configuration, under which the journal keeps its state. */
    static final String NAME = "pce";

    private TestConfig() {
    }

    static PceSource.Config config(Object... keysAndValues) {
        return TypedConfig.of("name", NAME, "pce_url", "https://pce.example.com:8443", "api_user", PceEmulator.USER,
                "api_secret", PceEmulator.SECRET).with(keysAndValues).as(PceSource.Config.class);
    }

    static PceSettings settings(Object... keysAndValues) {
        return PceSettings.from(config(keysAndValues), "");
    }
}
