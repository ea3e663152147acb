package dev.herald.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;

/**
 * A batch of deliveries unpins the events of a few blocks in turn, and the log remembers the last
 * block it looked up: the counts must be those of each event's own block, in whatever order.
 */
class EventLogPinsTest {

    @Test
    void eachEventPinsItsOwnBlockWhateverTheOrder() {
        MVStore mv = MVStore.open(null);
        try {
            MvMaps maps = new MvMaps(mv);
            EventLog writing = new EventLog(maps);
            byte[] event = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
            List<Long> keys = new ArrayList<>();
            for (int i = 0; i < EventBlock.MAX_EVENTS * 3 + 10; i++) {
                keys.add(writing.append(1_000 + i, List.of("r"), EncodedEvent.whole(event)));
            }
            writing.finish(null, 2_000);
            List<Long> blocks = new ArrayList<>(maps.events().keySet());
            assertEquals(5, blocks.size(), "three full blocks, a short one and the empty block that ends the log");

            // in the order of an outbox: mostly ascending, but back to an earlier block now and then
            List<Long> order = new ArrayList<>();
            for (int i = 0; i < keys.size(); i += 7) {
                order.add(keys.get(i));
                if (i % 5 == 0) {
                    order.add(keys.get(i / 3));
                }
            }
            order.add(keys.get(keys.size() - 1)); // the last block: only the empty one after it
            order.add(keys.get(0));
            Map<Long, Long> expected = new HashMap<>();
            for (long k : order) {
                expected.merge(maps.events().floorKey(k), 1L, Long::sum);
            }
            EventLog pinning = new EventLog(maps);
            order.forEach(k -> pinning.pin(k, 1));
            pinning.finish(null, 2_000);

            assertEquals(expected, new HashMap<>(maps.eventPins()));
        } finally {
            mv.close();
        }
    }
}
