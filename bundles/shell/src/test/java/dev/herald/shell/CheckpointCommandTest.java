package dev.herald.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.Test;

class CheckpointCommandTest {

    private final FakeAdmin admin = FakeAdmin.populated();

    @Test
    void showListsEveryStreamPosition() throws Exception {
        String out = Shell.run(new CheckpointCommand(), admin, "show", "inbox");

        assertTrue(out.contains("/opt/herald/demo/inbox/a.json | 1043"), out);
        assertTrue(out.contains("/opt/herald/demo/inbox/b.json | 77"), out);
    }

    @Test
    void showOfASourceWithoutCheckpoint() throws Exception {
        admin.checkpoints.clear();
        assertEquals("source inbox has no checkpoint: it reads from its configured start\n",
                Shell.run(new CheckpointCommand(), admin, "show", "inbox"));
    }

    @Test
    void resetOfAStreamAndOfAWholeSource() throws Exception {
        assertEquals("removed 1 position of source inbox; it reads stream '/opt/herald/demo/inbox/a.json' again"
                        + " from its configured start\n",
                Shell.run(new CheckpointCommand(), admin, "reset", "inbox", "/opt/herald/demo/inbox/a.json"));
        assertEquals("removed 2 positions of source inbox; it reads again from its configured start\n",
                Shell.run(new CheckpointCommand(), admin, "reset", "inbox"));
        assertEquals(List.of("reset inbox /opt/herald/demo/inbox/a.json", "reset inbox null"), admin.calls);
    }

    @Test
    void resetOfAnUnknownStreamSaysHowToListThem() throws Exception {
        assertEquals("source inbox has no position for stream 'c.json' (herald:checkpoint show inbox lists its streams)\n",
                Shell.run(new CheckpointCommand(), admin, "reset", "inbox", "c.json"));
    }

    @Test
    void resetRequiresAnExplicitKnownSource() {
        CommandException missing = assertThrows(CommandException.class,
                () -> Shell.run(new CheckpointCommand(), admin, "reset"));
        assertTrue(missing.getMessage().contains("source"), missing.getMessage());

        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> Shell.run(new CheckpointCommand(), admin, "reset", "s3"));
        assertEquals("unknown source 's3'; known sources: inbox", unknown.getMessage());
        assertTrue(admin.calls.isEmpty(), admin.calls.toString());
    }
}
