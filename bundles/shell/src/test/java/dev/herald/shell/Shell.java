package dev.herald.shell;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.api.admin.HeraldAdmin;
import dev.herald.testkit.HeraldKinds;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.karaf.shell.impl.action.command.DefaultActionPreparator;

/**
 * Runs a command as Karaf would: its arguments parsed and injected by Karaf's own preparator,
 * then {@code execute()} with {@code System.out} captured.
 */
final class Shell {

    private Shell() {
    }

    /** The command's output; its exceptions propagate as Karaf would report them. */
    static String run(HeraldCommand command, HeraldAdmin admin, String... args) throws Exception {
        command.admin = admin;
        if (command instanceof RecordReadingCommand reading) {
            reading.kinds = HeraldKinds.all();
        }
        assertTrue(new DefaultActionPreparator().prepare(command, null, new ArrayList<>(List.of(args))),
                "Karaf did not accept the arguments");
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            command.execute();
        } finally {
            System.setOut(original);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
