package dev.herald.source.cloudtrail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.testkit.Await;
import dev.herald.testkit.journal.MemoryJournal;
import java.time.Clock;
import java.time.Instant;
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
                    Clock.systemUTC());
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
                () -> new CloudTrailSource(test.config(), test.connection(), new MemoryJournal()));
        assertTrue(e.getMessage().startsWith("cloudtrail source 'trail': lookup_attribute"), e.getMessage());
        TestConfig badKeys = new TestConfig("", "access_key_id", "");
        e = assertThrows(IllegalArgumentException.class,
                () -> new CloudTrailSource(badKeys.config(), badKeys.connection(), new MemoryJournal()));
        assertTrue(e.getMessage().contains("credentials=static needs access_key_id"), e.getMessage());
    }
}
