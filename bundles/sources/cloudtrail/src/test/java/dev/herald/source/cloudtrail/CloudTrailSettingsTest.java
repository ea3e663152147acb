package dev.herald.source.cloudtrail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;

class CloudTrailSettingsTest {

    @Test
    void defaults() {
        CloudTrailSettings s = new TestConfig("").settings();
        assertEquals(List.of(Region.EU_WEST_1), s.regions());
        assertEquals(Duration.ofSeconds(60), s.pollInterval());
        assertEquals(Duration.ofSeconds(900), s.overlap());
        assertEquals(Duration.ofHours(1), s.backfill());
        assertEquals(Optional.empty(), s.lookupAttribute());
        assertEquals(2.0, s.maxRequestsPerSecond());
    }

    @Test
    void regionsMayBeOneCommaSeparatedValue() {
        assertEquals(List.of(Region.US_EAST_1, Region.EU_CENTRAL_1),
                new TestConfig("", "regions", new String[] {"us-east-1, EU-central-1"}).settings().regions());
    }

    @Test
    void allIsEveryRegularRegionOfThePartition() {
        List<Region> all = new TestConfig("", "regions", "all").settings().regions();
        assertTrue(all.containsAll(List.of(Region.US_EAST_1, Region.EU_WEST_1, Region.AP_SOUTHEAST_2)), all.toString());
        assertFalse(all.contains(Region.AWS_GLOBAL));
        assertFalse(all.contains(Region.CN_NORTH_1));
        assertFalse(all.contains(Region.US_GOV_WEST_1));
        List<Region> china = CloudTrailSettings.from(new TestConfig("", "regions", "all").config(),
                Optional.of(Region.CN_NORTH_1)).regions();
        assertTrue(china.contains(Region.CN_NORTHWEST_1) && !china.contains(Region.US_EAST_1), china.toString());
    }

    @Test
    void theLookupAttributeIsOneKeyAndValue() {
        var readOnly = new TestConfig("", "lookup_attribute", " readonly = FALSE ").settings().lookupAttribute().get();
        assertEquals(LookupAttributeKey.READ_ONLY, readOnly.attributeKey());
        assertEquals("false", readOnly.attributeValue());
        var source = new TestConfig("", "lookup_attribute", "EventSource=iam.amazonaws.com").settings()
                .lookupAttribute().get();
        assertEquals(LookupAttributeKey.EVENT_SOURCE, source.attributeKey());
        assertEquals("iam.amazonaws.com", source.attributeValue());
    }

    @Test
    void invalidValuesNameTheProperty() {
        assertMessage("lookup_attribute = 'ReadOnly=false, EventName=ConsoleLogin': LookupEvents accepts one",
                "lookup_attribute", "ReadOnly=false, EventName=ConsoleLogin");
        assertMessage("lookup_attribute: 'Region' is not a LookupEvents attribute", "lookup_attribute", "Region=x");
        assertMessage("lookup_attribute = 'ReadOnly=no': ReadOnly is true or false", "lookup_attribute", "ReadOnly=no");
        assertMessage("lookup_attribute = 'ConsoleLogin' must be Key=Value", "lookup_attribute", "ConsoleLogin");
        assertMessage("regions: 'europe' is not a region name", "regions", "europe");
        assertMessage("regions = [all, us-east-1] mixes 'all'", "regions", "all,us-east-1");
        assertMessage("backfill_hours = 2161 is out of range", "backfill_hours", 2161);
        assertMessage("max_requests_per_second = 3.0 is out of range", "max_requests_per_second", 3);
        assertMessage("max_requests_per_second = 0.0 is out of range", "max_requests_per_second", 0);
        assertMessage("poll_interval = 0 is out of range", "poll_interval", 0);
        assertMessage("overlap = -1 is out of range", "overlap", -1);
        assertMessage("name is missing", "name", " ");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CloudTrailSettings.from(new TestConfig("").config(), Optional.empty()));
        assertTrue(e.getMessage().startsWith("regions is empty and no region is configured"), e.getMessage());
    }

    private static void assertMessage(String start, String key, Object value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TestConfig("", key, value).settings());
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
    }
}
