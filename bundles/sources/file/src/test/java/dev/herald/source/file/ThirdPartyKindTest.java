package dev.herald.source.file;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.api.Event;
import dev.herald.api.record.Fields;
import dev.herald.api.record.RecordException;
import dev.herald.api.record.RecordKind;
import dev.herald.api.record.RecordSummary;
import dev.herald.api.record.Timestamps;
import dev.herald.core.kind.KindRegistry;
import dev.herald.testkit.Await;
import dev.herald.testkit.journal.MemoryJournal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A record kind a third party contributes as a service, which core's registry tracks, is recognised
 * by a running file source from the next record on; when its bundle leaves, its records are generic
 * JSON again.
 */
class ThirdPartyKindTest {
    @TempDir
    Path inbox;

    private final MemoryJournal journal = new MemoryJournal();
    private final KindRegistry registry = new KindRegistry();

    @Test
    void aKindThatArrivesWhileTheSourceRunsIsRecognisedAndOneThatLeavesFallsBackToJson() throws Exception {
        FileSource source = new FileSource(TestConfig.settings(inbox, "poll_interval", 1), journal, registry);
        AcmeAuditKind acme = new AcmeAuditKind();
        try {
            Files.writeString(inbox.resolve("before.jsonl"), record("a-1"));
            Await.until("the record read before the kind arrived", () -> journal.events().size() == 1);
            assertEquals("json", journal.events().get(0).source());

            registry.addKind(acme, Map.of("service.ranking", 200, "service.id", 42L));
            Files.writeString(inbox.resolve("during.jsonl"), record("a-2"));
            Await.until("the record read while the kind is there", () -> journal.events().size() == 2);
            Event recognised = journal.events().get(1);
            assertEquals("acme-audit", recognised.source());
            assertEquals("a-2", recognised.id());
            assertEquals("door.opened", recognised.type());

            registry.removeKind(acme);
            Files.writeString(inbox.resolve("after.jsonl"), record("a-3"));
            Await.until("the record read after the kind left", () -> journal.events().size() == 3);
            assertEquals("json", journal.events().get(2).source());
        } finally {
            source.stop();
        }
    }

    private static String record(String id) {
        return "{\"acme_event_id\":\"" + id + "\",\"action\":\"door.opened\",\"at\":\"2026-11-22T10:00:00Z\","
                + "\"badge\":\"b-7\"}\n";
    }

    /** Acme's door audit records, as a vendor would write the kind in a bundle of its own. */
    private static final class AcmeAuditKind implements RecordKind {
        @Override
        public String name() {
            return "acme-audit";
        }

        @Override
        public boolean accepts(JsonNode record) {
            return record.has("acme_event_id") && record.has("action");
        }

        @Override
        public List<Event> events(JsonNode record, String raw, String instance, String fallbackId)
                throws RecordException {
            return List.of(event(record, raw, instance).id(Fields.require(record, "acme_event_id", "Acme audit record"))
                    .type(Fields.require(record, "action", "Acme audit record"))
                    .time(Timestamps.require(record, "at", "Acme audit record")).build());
        }

        @Override
        public RecordSummary summary(Event event) {
            String badge = Fields.text(event.detail(), "badge");
            return new RecordSummary(event.type() + " by " + badge, badge, null, null, null, null, null);
        }
    }
}
