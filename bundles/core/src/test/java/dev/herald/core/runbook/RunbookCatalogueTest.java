package dev.herald.core.runbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalogue directory: a file per source, read again when it changes, a bad file never replacing a good one. */
class RunbookCatalogueTest {
    private static final String LOGIN = "{\"user.login_failed\": {\"category\": \"Authentication\", \"severity\": \"Medium\","
            + " \"link\": \"https://docs.example/login\", \"guidance\": \"Check the source IP.\"}}";

    @TempDir
    Path dir;

    private RunbookCatalogue catalogue() {
        return new RunbookCatalogue(dir);
    }

    /** Writes {@code text} with a modification time of its own, so that the catalogue sees a change even within a clock tick. */
    private void write(String file, String text, int version) throws Exception {
        Path p = dir.resolve(file);
        Files.writeString(p, text);
        Files.setLastModifiedTime(p, FileTime.from(Instant.parse("2026-12-01T00:00:00Z").plusSeconds(version)));
    }

    @Test
    void findsTheRunbookBySourceAndType() throws Exception {
        write("pce.json", LOGIN, 1);
        RunbookCatalogue c = catalogue();
        c.refresh();
        assertEquals(Optional.of(new Runbook("Authentication", "Check the source IP.", "https://docs.example/login",
                "medium")), c.find("pce", "user.login_failed"));
        assertEquals(Optional.empty(), c.find("cloudtrail", "user.login_failed"));
        assertEquals(Optional.empty(), c.find("pce", "user.sign_in"));
        assertEquals(Map.of(), c.problems());
    }

    @Test
    void aChangedFileIsReadAgainAndARemovedOneForgotten() throws Exception {
        write("pce.json", LOGIN, 1);
        RunbookCatalogue c = catalogue();
        c.refresh();
        write("pce.json", "{\"user.sign_in\": {\"category\": \"Authentication\", \"guidance\": \"Look at the IP.\"}}", 2);
        c.refresh();
        assertEquals(Optional.empty(), c.find("pce", "user.login_failed"));
        assertEquals(Optional.of(new Runbook("Authentication", "Look at the IP.", null, null)), c.find("pce", "user.sign_in"));
        Files.delete(dir.resolve("pce.json"));
        c.refresh();
        assertEquals(Optional.empty(), c.find("pce", "user.sign_in"));
    }

    @Test
    void aMalformedFileIsAProblemAndThePreviousRunbooksStay() throws Exception {
        write("pce.json", LOGIN, 1);
        RunbookCatalogue c = catalogue();
        c.refresh();
        write("pce.json", "{\"user.login_failed\": {\"category\": \"Authentication\",}", 2);
        c.refresh();
        assertTrue(c.problems().get("pce.json").startsWith("pce.json is not valid JSON (line 1): "), c.problems().toString());
        assertTrue(c.problems().get("pce.json").endsWith("the runbooks read before stay in use until it is fixed"));
        assertEquals("Check the source IP.", c.find("pce", "user.login_failed").orElseThrow().guidance());

        write("pce.json", LOGIN, 3);
        c.refresh();
        assertEquals(Map.of(), c.problems());
    }

    @Test
    void eachMistakeNamesTheFileTheEntryAndTheField() throws Exception {
        Map<String, String> cases = Map.of(
                "[]", "x.json must be a JSON object of event type to runbook",
                "{\"a\": \"text\"}", "x.json entry 'a' must be an object with category and guidance",
                "{\"a\": {\"guidance\": \"g\"}}", "x.json entry 'a' has no category: add \"category\": \"…\"",
                "{\"a\": {\"category\": \"c\", \"guidance\": 3}}", "x.json entry 'a' guidance must be a non-empty string",
                "{\"a\": {\"category\": \"c\", \"guidance\": \"g\", \"severity\": \"urgent\"}}",
                "x.json entry 'a' severity 'urgent' is unknown: use info, low, medium, high or critical",
                "{\"a\": {\"category\": \"c\", \"guidance\": \"g\", \"link\": \"javascript:alert(1)\"}}",
                "x.json entry 'a' link 'javascript:alert(1)' is not an http or https URL",
                "{\"a\": {\"category\": \"c\", \"guidance\": \"g\", \"url\": \"https://x\"}}",
                "x.json entry 'a' has an unknown field 'url': use category, guidance, link and severity");
        int version = 0;
        for (Map.Entry<String, String> bad : cases.entrySet()) {
            write("x.json", bad.getKey(), ++version);
            RunbookCatalogue c = catalogue();
            c.refresh();
            String problem = c.problems().get("x.json");
            assertTrue(problem != null && problem.startsWith(bad.getValue()), bad.getKey() + " gave " + problem);
            assertTrue(problem.endsWith("no runbooks for these events until it is fixed"), problem);
        }
    }

    @Test
    void noDirectoryMeansNoRunbooksAndNoProblem() {
        RunbookCatalogue c = new RunbookCatalogue(dir.resolve("missing"));
        c.refresh();
        assertEquals(Optional.empty(), c.find("pce", "user.login_failed"));
        assertEquals(Map.of(), c.problems());
    }

    @Test
    void filesOtherThanJsonAreIgnored() throws Exception {
        write("pce.json~", "not json", 1);
        write("README", "notes", 1);
        RunbookCatalogue c = catalogue();
        c.refresh();
        assertEquals(Map.of(), c.problems());
    }
}
