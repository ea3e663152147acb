package dev.herald.testkit.sink;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.herald.api.Sink;
import java.lang.annotation.Annotation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * What every Herald sink promises about its configuration, as JUnit 5 tests a sink's test class
 * inherits: a valid configuration activates; {@code name} is required; a negative {@code rate} is
 * refused; an error names the sink and shows no secret. {@link HttpSinkContractTest} adds the
 * delivery contract of a sink that talks HTTP.
 *
 * <pre>{@code
 * class AcmeSinkContractTest extends SinkContractTest {
 *     AcmeSinkContractTest() {
 *         super(AcmeSink.class, () -> Map.of("name", "acme", "token", "s3cret"), List.of("s3cret"));
 *     }
 * }
 * }</pre>
 */
public abstract class SinkContractTest {
    private final Class<? extends Sink> sinkClass;
    private final Supplier<Map<String, Object>> validProperties;
    private final List<String> secrets;
    private final Object[] references;

    /**
     * @param sinkClass       the sink, activated as DS does ({@link SinkConfig#activate})
     * @param validProperties a configuration that activates, with {@code name}
     * @param secrets         its secret values (tokens, passwords, secret URLs): never shown
     * @param references      the services the sink's constructor takes, e.g. {@code HttpClients.standalone()}
     */
    protected SinkContractTest(Class<? extends Sink> sinkClass, Supplier<Map<String, Object>> validProperties,
                               List<String> secrets, Object... references) {
        this.sinkClass = sinkClass;
        this.validProperties = validProperties;
        this.secrets = List.copyOf(secrets);
        this.references = references.clone();
    }

    /**
     * The sink built from {@code properties} as Declarative Services activates it; override for a
     * sink built another way in tests.
     *
     * @throws IllegalArgumentException for a bad configuration, as the sink's constructor throws it
     */
    protected Sink activate(Map<String, Object> properties) throws Exception {
        return SinkConfig.of(Annotation.class, properties).activate(sinkClass, references);
    }

    /** The properties of a configuration that activates, with {@code name}. */
    protected Map<String, Object> validProperties() {
        return validProperties.get();
    }

    /** The secret values of {@link #validProperties()}: never shown. */
    protected final List<String> secrets() {
        return secrets;
    }

    /** Releases what an activated sink holds (its {@code @Deactivate}); nothing by default. */
    protected void deactivate(Sink sink) throws Exception {
    }

    /** Whether the sink's configuration has {@code rate}; a sink that never paces says false. */
    protected boolean hasRate() {
        return true;
    }

    /** {@link #validProperties()} changed: {@code null} values remove the property. */
    protected final Map<String, Object> validPropertiesWith(Object... keyValues) {
        Map<String, Object> properties = new LinkedHashMap<>(validProperties());
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] == null) {
                properties.remove((String) keyValues[i]);
            } else {
                properties.put((String) keyValues[i], keyValues[i + 1]);
            }
        }
        return properties;
    }

    @Test
    void contractAValidConfigurationActivates() throws Exception {
        Sink sink = activate(validProperties());
        assertNotNull(sink);
        deactivate(sink);
    }

    @Test
    void contractNameIsRequired() {
        for (Object name : new Object[] {null, "", "  "}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> activate(validPropertiesWith(Sink.NAME, name)), "name = '" + name + "'");
            assertTrue(e.getMessage().contains("name is required"), e.getMessage());
            assertNoSecret(e.getMessage(), "the refusal of a missing name");
        }
    }

    @Test
    void contractANegativeRateIsRefusedNamingTheSink() {
        assumeTrue(hasRate(), "the sink has no rate setting");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> activate(validPropertiesWith(Sink.RATE, -1)));
        assertTrue(e.getMessage().contains("rate must be 0 (no limit) or a positive number"), e.getMessage());
        assertTrue(e.getMessage().contains("'" + validProperties().get(Sink.NAME) + "'"),
                "the message names the sink: " + e.getMessage());
        assertNoSecret(e.getMessage(), "the refusal of a negative rate");
    }

    /** Fails when {@code text} holds any of {@link #secrets()}. */
    protected final void assertNoSecret(String text, String where) {
        for (String secret : secrets()) {
            assertFalse(text != null && text.contains(secret), where + " shows a secret: " + text);
        }
    }

    /** Fails when the message of {@code error} or of any of its causes holds a secret. */
    protected final void assertNoSecret(Throwable error, String where) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            assertNoSecret(t.getMessage(), where + " (" + t.getClass().getSimpleName() + ")");
        }
    }
}
