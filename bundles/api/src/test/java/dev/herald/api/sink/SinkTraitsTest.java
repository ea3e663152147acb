package dev.herald.api.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the host reads from a sink's service properties, as @TemplateEscape and older sinks write them. */
class SinkTraitsTest {

    @Test
    void readsTheTypedPropertiesAndThoseOfEarlierReleasesAlike() {
        SinkTraits typed = SinkTraits.read(Map.<String, Object>of("name", " siem ", "rate", 2,
                "herald.template.escape", "JSON", "format", "cef")::get);
        assertEquals(new SinkTraits("siem", Escaping.JSON, 2, "cef", Optional.empty()), typed);
        SinkTraits legacy = SinkTraits.read(Map.<String, Object>of("name", "siem", "rate", "0.5",
                "herald.template.escape", "json")::get);
        assertEquals(new SinkTraits("siem", Escaping.JSON, 0.5, "", Optional.empty()), legacy);
    }

    @Test
    void idempotencyKeysAreReadUnlessTheSinkSaysFalse() {
        assertTrue(SinkTraits.read(Map.<String, Object>of("name", "s")::get).idempotencyKeys());
        assertFalse(SinkTraits.read(Map.<String, Object>of("name", "s", "herald.idempotency.keys", false)::get)
                .idempotencyKeys());
        assertFalse(SinkTraits.read(Map.<String, Object>of("name", "s", "herald.idempotency.keys", " FALSE ")::get)
                .idempotencyKeys());
        assertTrue(SinkTraits.read(Map.<String, Object>of("name", "s", "herald.idempotency.keys", "no")::get)
                .idempotencyKeys(), "only an explicit false turns them off");
    }

    @Test
    void aBadValueIsReadAsItsSafeDefaultAndSaysWhy() {
        SinkTraits t = SinkTraits.read(Map.<String, Object>of("name", "s", "rate", "fast")::get);
        assertEquals(0, t.rate());
        assertTrue(t.problem().orElseThrow().contains("rate 'fast' is not a number"), t.problem().toString());
        assertEquals(0, SinkTraits.read(Map.<String, Object>of("name", "s", "rate", -3)::get).rate());
        SinkTraits escape = SinkTraits.read(Map.<String, Object>of("name", "s", "herald.template.escape", "xml")::get);
        assertEquals(Escaping.NONE, escape.escape());
        assertTrue(escape.problem().orElseThrow().contains("'xml' is not json, html or none"), escape.problem().toString());
        assertEquals("", SinkTraits.read(Map.<String, Object>of()::get).name(), "no name: routes cannot use it");
    }
}
