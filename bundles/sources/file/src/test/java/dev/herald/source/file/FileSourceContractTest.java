package dev.herald.source.file;

import dev.herald.testkit.HeraldKinds;
import dev.herald.testkit.source.SourceContractTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The source contract, for the file source reading a real directory of the contract's generic JSON events. */
class FileSourceContractTest extends SourceContractTest {
    @TempDir
    Path temp;

    private Path inbox;
    private DirectoryPoller poller;
    private int files;

    @BeforeEach
    void watch() throws Exception {
        inbox = Files.createDirectories(temp.resolve("inbox"));
        poller = new DirectoryPoller(TestConfig.settings(inbox, "batch_size", 2, "id_pointer", "/id"), journal,
                () -> false, HeraldKinds.all());
    }

    @AfterEach
    void close() {
        poller.close();
    }

    @Override
    protected String instance() {
        return "files";
    }

    @Override
    protected void offer(List<String> records) throws Exception {
        Files.write(inbox.resolve("unit-" + ++files + ".jsonl"), records);
    }

    @Override
    protected void poll() {
        poller.poll();
    }

    @Override
    protected void breakInput() throws Exception {
        Files.move(inbox, temp.resolve("away"));
    }

    @Override
    protected void repairInput() throws Exception {
        Files.move(temp.resolve("away"), inbox);
    }
}
