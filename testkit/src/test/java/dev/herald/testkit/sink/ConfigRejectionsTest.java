package dev.herald.testkit.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** A rejection table passes only when every bad configuration is refused with its own message. */
class ConfigRejectionsTest {
    /** Refuses a rate below 0 and nothing else. */
    private static final Function<Map<String, Object>, Object> RATE = properties -> {
        int rate = Integer.parseInt(String.valueOf(properties.get("rate")));
        if (rate < 0) {
            throw new IllegalArgumentException("rate must not be negative; was " + rate);
        }
        return rate;
    };

    @Test
    void passesWhenEveryCaseIsRefusedWithItsMessageAndChecksEachMessage() {
        List<String> checked = new ArrayList<>();
        ConfigRejections.of(RATE).expect(Map.of("rate", "-1"), "rate must not be negative; was -1")
                .expect(Map.of("rate", "-2"), "rate must not be negative; was -2").assertAll(checked::add);
        assertEquals(List.of("rate must not be negative; was -1", "rate must not be negative; was -2"), checked);
    }

    @Test
    void listsEveryChangedMessageAndEveryAcceptedConfiguration() {
        AssertionError e = assertThrows(AssertionError.class, () -> ConfigRejections.of(RATE)
                .expect(Map.of("rate", "-1"), "rate is bad").expect(Map.of("rate", "-2"), "rate is worse")
                .expect(Map.of("rate", "5"), "rate is fine").assertAll(message -> { }));
        assertTrue(e.getMessage().contains("rate is bad=rate must not be negative; was -1"), e.getMessage());
        assertTrue(e.getMessage().contains("rate is worse=rate must not be negative; was -2"), e.getMessage());
        assertTrue(e.getMessage().contains("accepted (should be refused): [{rate=5}]"), e.getMessage());
    }
}
