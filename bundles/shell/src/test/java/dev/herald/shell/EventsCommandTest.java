package dev.herald.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class EventsCommandTest {

    private final FakeAdmin admin = FakeAdmin.populated();

    @Test
    void listsRecentEventsWithTheirRoutes() throws Exception {
        String out = Shell.run(new EventsCommand(), admin, "-n", "5");

        String row = ListingCommandsTest.line(out, "ev-1");
        assertTrue(row.matches("2026-11-22T10:00:00Z \\| inbox\\s+\\| cloudtrail \\| CreateUser\\s+\\| medium\\s+\\| ev-1 \\| iam-changes\\s*"), row);
        assertTrue(ListingCommandsTest.line(out, "ev-0").contains("| -"), out);
        assertTrue(out.indexOf("ev-1") < out.indexOf("ev-0"), "newest first, as core returns them");
        assertEquals(List.of("events null 5"), admin.calls);
    }

    @Test
    void searchesWithTheGivenText() throws Exception {
        Shell.run(new EventsCommand(), admin, "CreateUser");
        assertEquals(List.of("events CreateUser 20"), admin.calls);
        assertEquals("no recent event contains 'DeleteBucket'\n", Shell.run(new EventsCommand(), admin, "DeleteBucket"));
        assertEquals("no events yet\n", Shell.run(new EventsCommand(), FakeAdmin.empty()));
    }

    @Test
    void showsOneEventsEnvelopePrettyPrintedAndItsRawRecord() throws Exception {
        String out = Shell.run(new EventsCommand(), admin, "--id", "ev-1");

        assertTrue(out.startsWith("id        ev-1\nsource    cloudtrail\ninstance  inbox\ntype      CreateUser\n"), out);
        assertTrue(out.contains("routes    iam-changes\n"), out);
        assertTrue(out.contains("envelope:\n{\n  \"id\" : \"ev-1\",\n"), out);
        assertTrue(out.contains("    \"eventSource\" : \"iam.amazonaws.com\"\n"), out);
        assertTrue(out.contains("raw:\n{\"eventID\":\"ev-1\",\"eventName\":\"CreateUser\",\"eventSource\":\"iam.amazonaws.com\"}\n"), out);
    }

    @Test
    void anUnknownIdSaysWhereToLook() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Shell.run(new EventsCommand(), admin, "--id", "nope"));
        assertEquals("no recent event with id 'nope' (herald:events lists the recent ones)", e.getMessage());
    }

    @Test
    void aLimitBelowOneIsRefused() {
        assertEquals("-n must be at least 1, was 0", assertThrows(IllegalArgumentException.class,
                () -> Shell.run(new EventsCommand(), admin, "-n", "0")).getMessage());
    }
}
