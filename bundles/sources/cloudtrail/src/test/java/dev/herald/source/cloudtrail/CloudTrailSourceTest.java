package dev.herald.source.cloudtrail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.api.Event;
import dev.herald.api.record.RecordException;
import dev.herald.testkit.Await;
import dev.herald.testkit.HeraldKinds;
import dev.herald.testkit.journal.MemoryJournal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CloudTrailSourceTest {

    @Test
    void activationReadsEveryRegionOnItsOwnCheckpoint() throws Exception {
        try (CloudTrailEmulator aws = new CloudTrailEmulator()) {
            String eu = aws.add("eu-west-1", Instant.now().minusSeconds(60), "CreateUser");
            String us = aws.add("us-east-1", Instant.now().minusSeconds(60), "ConsoleLogin");
            MemoryJournal journal = new MemoryJournal();
            TestConfig test = new TestConfig(aws.url(), "regions", "eu-west-1,us-east-1");
            CloudTrailSource source = new CloudTrailSource(test.config(), test.connection(), journal,
                    Clock.systemUTC(), HeraldKinds.all().recognizer());
            try {
                Await.until("both regions are polled", () -> journal.position(TestConfig.NAME, "eu-west-1") != null
                        && journal.position(TestConfig.NAME, "us-east-1") != null);
            } finally {
                source.stop();
            }
            assertEquals(Set.of(eu, us), Set.copyOf(journal.ids()));
        }
    }

    @Test
    void invalidConfigurationFailsActivationNamingTheProperty() {
        TestConfig test = new TestConfig("", "lookup_attribute", "ReadOnly=maybe");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CloudTrailSource(test.config(), test.connection(), new MemoryJournal(),
                        Clock.systemUTC(), HeraldKinds.all().recognizer()));
        assertTrue(e.getMessage().startsWith("cloudtrail source 'trail': lookup_attribute"), e.getMessage());
        TestConfig badKeys = new TestConfig("", "access_key_id", "");
        e = assertThrows(IllegalArgumentException.class,
                () -> new CloudTrailSource(badKeys.config(), badKeys.connection(), new MemoryJournal(),
                        Clock.systemUTC(), HeraldKinds.all().recognizer()));
        assertTrue(e.getMessage().contains("credentials=static needs access_key_id"), e.getMessage());
    }

    @Test
    void aQuarantinedRecordIsReadAgainAsIfReadNow() throws Exception {
        try (CloudTrailEmulator aws = new CloudTrailEmulator()) {
            TestConfig test = new TestConfig(aws.url(), "regions", "eu-west-1", "poll_interval", 3600);
            CloudTrailSource source = new CloudTrailSource(test.config(), test.connection(), new MemoryJournal(),
                    Clock.systemUTC(), HeraldKinds.all().recognizer());
            try {
                String record = "{\"eventVersion\":\"1.09\",\"eventTime\":\"2026-11-22T10:00:00Z\","
                        + "\"eventSource\":\"iam.amazonaws.com\",\"eventName\":\"CreateUser\",\"eventID\":\"ev-1\"}";
                List<Event> events = source.reread("cloudtrail:eu-west-1:ev-1", record);
                assertEquals(List.of("ev-1"), events.stream().map(Event::id).toList());
                assertEquals(TestConfig.NAME, events.get(0).instance());
                RecordException still = assertThrows(RecordException.class,
                        () -> source.reread("cloudtrail:eu-west-1:ev-2", record.replace("2026-11-22T10:00:00Z", "soon")));
                assertTrue(still.getMessage().contains("eventTime"), still.getMessage());
            } finally {
                source.stop();
            }
        }
    }
}
