package dev.herald.api.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.api.Event;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventAddressesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Event event(String source, String detail) throws Exception {
        return Event.builder().id("1").source(source).instance("i").detail(JSON.readTree(detail)).build();
    }

    @Test
    void eachKindOfEventHasItsAddressesWhereTheVendorPutsThem() throws Exception {
        assertEquals(Optional.of("198.51.100.7"),
                EventAddresses.source(event("cloudtrail", "{\"sourceIPAddress\":\"198.51.100.7\"}")));
        Event flow = event("illumio-flow", "{\"src_ip\":\"10.0.0.1\",\"dst_ip\":\"2001:db8::5\"}");
        assertEquals(Optional.of("10.0.0.1"), EventAddresses.source(flow));
        assertEquals(Optional.of("2001:db8::5"), EventAddresses.destination(flow));
        assertEquals(Optional.of("192.0.2.4"),
                EventAddresses.source(event("pce", "{\"action\":{\"src_ip\":\"192.0.2.4\"}}")));
        assertEquals(Optional.empty(), EventAddresses.source(event("securityhub", "{\"sourceIPAddress\":\"192.0.2.4\"}")));
        assertEquals(Optional.empty(), EventAddresses.destination(event("cloudtrail", "{\"dst_ip\":\"192.0.2.4\"}")));
    }

    @Test
    void onlyIpLiteralsCountSoThatNoNameIsEverResolved() throws Exception {
        assertEquals(Optional.empty(), EventAddresses.source(event("cloudtrail", "{\"sourceIPAddress\":\"ec2.amazonaws.com\"}")));
        assertEquals(Optional.empty(), EventAddresses.source(event("cloudtrail", "{\"sourceIPAddress\":12}")));
        assertEquals(Optional.empty(), EventAddresses.source(event("cloudtrail", "{}")));
        assertTrue(EventAddresses.isIpLiteral("::ffff:192.0.2.1"));
        assertFalse(EventAddresses.isIpLiteral("256.1.1.1"));
        assertFalse(EventAddresses.isIpLiteral("AWS Internal"));
        assertFalse(EventAddresses.isIpLiteral("cafe.example"), "hex letters and dots, but no colon: a name");
    }
}
