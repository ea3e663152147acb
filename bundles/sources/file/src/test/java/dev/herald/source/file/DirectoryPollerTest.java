package dev.herald.source.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.api.Event;
import dev.herald.api.Severity;
import dev.herald.testkit.HeraldKinds;
import dev.herald.testkit.journal.MemoryJournal;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file source's reading, one poll at a time, against the real file system. */
class DirectoryPollerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private final MemoryJournal journal = new MemoryJournal();
    private final List<DirectoryPoller> opened = new ArrayList<>();

    @Test
    void plainAndGzippedJsonLinesFlowAndTheMalformedLineIsQuarantined() throws IOException {
        Path inbox = inbox();
        Files.write(inbox.resolve("pce-audit-events.jsonl"), fixture("pce-audit-events.jsonl"));
        Files.write(inbox.resolve("illumio-flows.jsonl.gz"), gzip(fixture("illumio-flows.jsonl")));

        poller(inbox).poll();

        List<Event> events = journal.events();
        assertEquals(7 + 11, events.size());
        List<Event> flows = events.stream().filter(e -> e.source().equals("illumio-flow")).toList();
        assertEquals(7, flows.size());
        assertTrue(flows.get(0).id().matches("illumio-flows\\.jsonl\\.gz:1@[0-9a-f]{8}"), flows.get(0).id());
        assertEquals(11, events.stream().filter(e -> e.source().equals("pce")).count());
        assertTrue(events.stream().allMatch(e -> e.instance().equals("files")));

        assertEquals(1, journal.quarantined().size());
        MemoryJournal.Quarantined q = journal.quarantined().get(0);
        assertEquals("illumio-flows.jsonl.gz:6", q.location());
        assertTrue(q.reason().startsWith("not JSON: "), q.reason());
        assertTrue(q.content().startsWith("{\"version\":4"), q.content());
        assertEquals(false, q.whole(), "a malformed entry's text may be only part of it: it cannot be retried");
        assertDone("illumio-flows.jsonl.gz", 8);
        assertDone("pce-audit-events.jsonl", 11);
    }

    @Test
    void aCloudTrailLogFileBecomesOneEventPerRecordWithItsExactText() throws IOException {
        Path inbox = inbox();
        byte[] file = fixture("cloudtrail-123456789012.json");
        Files.write(inbox.resolve("123456789012_CloudTrail_eu-west-1_20261122T1025Z_a1b2c3.json.gz"), gzip(file));

        poller(inbox).poll();

        List<Event> events = journal.events();
        assertEquals(10, events.size());
        String text = new String(file, StandardCharsets.UTF_8);
        for (Event e : events) {
            assertEquals("cloudtrail", e.source());
            assertEquals(e.detail().path("eventID").asText(), e.id());
            assertTrue(text.contains(e.raw() + ",\n") || text.contains(e.raw() + "\n]}"), e.raw());
        }
        assertEquals(Severity.HIGH, events.get(2).severity(), "root ConsoleLogin");
        assertEquals("StopLogging", events.get(5).type());
    }

    @Test
    void aSecurityHubEventBridgeFileBecomesOneEventPerFinding() throws IOException {
        Path inbox = inbox();
        Files.write(inbox.resolve("securityhub-findings.json"), fixture("securityhub-findings.json"));

        poller(inbox).poll();

        List<Event> events = journal.events();
        assertEquals(5, events.size());
        assertEquals(List.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW, Severity.INFO),
                events.stream().map(Event::severity).toList());
        assertTrue(events.stream().allMatch(e -> e.id().contains("@2026-11-")), events.toString());
        assertDone("securityhub-findings.json", 1);
    }

    @Test
    void eachBatchIsOneAppendCarryingTheFilesNewPosition() throws IOException {
        Path inbox = inbox();
        write(inbox.resolve("ten.jsonl"), lines(1, 10));

        poller(inbox, "batch_size", 3).poll();

        List<MemoryJournal.Append> appends = journal.appends();
        assertEquals(List.of(3, 3, 3, 1), appends.stream().map(a -> a.batch().size()).toList());
        assertEquals(List.of(3L, 6L, 9L, 10L), appends.stream().map(a -> position(a).through()).toList());
        assertEquals(List.of(false, false, false, true), appends.stream().map(a -> position(a).done()).toList());
        assertTrue(appends.stream().allMatch(a -> a.next().stream().equals("ten.jsonl")));
    }

    @Test
    void badRecordsAreQuarantinedWithTheirLineAndTheRestOfTheFileFlows() throws IOException {
        Path inbox = inbox();
        String asffBadTime = "{\"SchemaVersion\":\"2018-10-08\",\"Id\":\"f-1\",\"ProductArn\":\"arn:aws:securityhub:eu-west-1::product/aws/securityhub\","
                + "\"CreatedAt\":\"2026-11-22T03:12:40Z\",\"UpdatedAt\":\"2026-13-40\",\"Severity\":{\"Label\":\"HIGH\"}}";
        write(inbox.resolve("mixed.jsonl"), List.of(json(1), "{\"n\": 2,", json(3), asffBadTime, "[1,2]", json(6)));

        poller(inbox).poll();

        assertEquals(List.of("mixed.jsonl:1@", "mixed.jsonl:3@", "mixed.jsonl:6@"),
                journal.events().stream().map(e -> e.id().substring(0, e.id().indexOf('@') + 1)).toList());
        List<MemoryJournal.Quarantined> q = journal.quarantined();
        assertEquals(List.of("mixed.jsonl:2", "mixed.jsonl:4", "mixed.jsonl:5"),
                q.stream().map(MemoryJournal.Quarantined::location).toList());
        assertEquals("ASFF finding has malformed UpdatedAt '2026-13-40': expected ISO-8601", q.get(1).reason());
        assertEquals(asffBadTime, q.get(1).content());
        assertEquals("a record must be a JSON object, this is an array", q.get(2).reason());
        assertDone("mixed.jsonl", 6);
    }

    @Test
    void aTruncatedGzipDeliversWhatCameBeforeThenIsFinishedWithAQuarantineEntry() throws IOException {
        Path inbox = inbox();
        byte[] gz = gzip(String.join("\n", lines(1, 20_000)).getBytes(StandardCharsets.UTF_8));
        Files.write(inbox.resolve("cut.jsonl.gz"), Arrays.copyOf(gz, gz.length / 2));
        DirectoryPoller poller = poller(inbox, "batch_size", 5000);

        poller.poll();

        int delivered = journal.events().size();
        assertTrue(delivered > 1000 && delivered < 20_000, "delivered " + delivered);
        assertEquals(List.of(ids(1, delivered)), List.of(journal.events().stream().map(e -> e.detail().path("n").asInt()).toList()));
        assertEquals(1, journal.quarantined().size());
        MemoryJournal.Quarantined q = journal.quarantined().get(0);
        assertEquals("cut.jsonl.gz:" + (delivered + 1), q.location());
        assertTrue(q.reason().contains("truncated"), q.reason());
        assertDone("cut.jsonl.gz", delivered);

        poller.poll();
        assertEquals(delivered, journal.events().size(), "a finished file is not read again");
        assertEquals(1, journal.quarantined().size());
    }

    @Test
    void aRestartMidFileResumesAfterTheLastCommittedRecordWithoutLossOrRedelivery() throws IOException {
        Path inbox = inbox();
        write(inbox.resolve("a.jsonl"), lines(1, 10));
        Files.write(inbox.resolve("b.json.gz"), gzip(records(1, 10).getBytes(StandardCharsets.UTF_8)));
        Files.write(inbox.resolve("c.json"), records(1, 10).getBytes(StandardCharsets.UTF_8));
        for (String file : List.of("a.jsonl", "b.json.gz", "c.json")) {
            AtomicBoolean stopping = new AtomicBoolean();
            MemoryJournal journal = new MemoryJournal();
            journal.afterAppend(() -> stopping.set(true)); // deactivated after its first commit
            FileSourceSettings settings = TestConfig.settings(inbox, "batch_size", 4, "include", new String[] {file});

            opened(new DirectoryPoller(settings, journal, stopping::get, HeraldKinds.all())).poll();
            assertEquals(4, journal.events().size(), file);
            stopping.set(false);
            DirectoryPoller restarted = opened(new DirectoryPoller(settings, journal, () -> false, HeraldKinds.all()));
            restarted.poll();

            assertEquals(ids(1, 10), journal.events().stream().map(e -> e.detail().path("n").asInt()).toList(), file);
            assertEquals(List.of(4L, 8L, 10L), journal.appends().stream().map(a -> position(a).through()).toList(), file);
        }
    }

    @Test
    void aFinishedFileIsNotReadAgainButAReplacedOneIs() throws IOException {
        Path inbox = inbox();
        Path file = inbox.resolve("flows.jsonl");
        Files.write(file, fixture("illumio-flows.jsonl"));
        DirectoryPoller poller = poller(inbox);
        poller.poll();
        poller.poll();
        assertEquals(1, journal.appends().size(), "finished: no second append");
        Set<String> firstIds = journal.events().stream().map(Event::id).collect(Collectors.toSet());

        String replaced = new String(fixture("illumio-flows.jsonl"), StandardCharsets.UTF_8)
                .replace("2026-11-03T09:10:00Z", "2026-11-04T09:10:00Z");
        Files.writeString(file, replaced);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(5)));
        poller.poll();

        List<Event> second = journal.events().subList(7, journal.events().size());
        assertEquals(7, second.size(), "the replaced file is read from its start");
        assertEquals(Instant.parse("2026-11-04T09:10:00Z"), second.get(0).time());
        assertTrue(second.stream().noneMatch(e -> firstIds.contains(e.id())),
                "new content must not get the ids (dedupe keys) of the old");
        assertEquals(2, journal.quarantined().size(), "the cut line of the new content is quarantined too");
    }

    @Test
    void bytesAppendedToAFinishedPlainFileAreReadOnAsNewRecords() throws IOException {
        Path inbox = inbox();
        Path file = inbox.resolve("growing.jsonl");
        write(file, lines(1, 3));
        DirectoryPoller poller = poller(inbox);
        poller.poll();

        Files.writeString(file, String.join("\n", lines(4, 5)) + "\n", StandardOpenOption.APPEND);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(5)));
        poller.poll();

        assertEquals(ids(1, 5), journal.events().stream().map(e -> e.detail().path("n").asInt()).toList());
        assertDone("growing.jsonl", 5);
    }

    @Test
    void aJournalFailureLosesNothingAndSkipsNothing() throws IOException {
        Path inbox = inbox();
        List<String> a = new ArrayList<>(lines(1, 7));
        a.set(4, "oops");
        write(inbox.resolve("a.jsonl"), a);
        write(inbox.resolve("b.jsonl"), lines(1, 3));
        DirectoryPoller poller = poller(inbox, "batch_size", 3);

        journal.refuseAfter(1);
        poller.poll();
        poller.poll();
        assertEquals(3, journal.events().size(), "only the first batch got in");
        journal.refuseAfter(-1);
        poller.poll();

        assertEquals(List.of(1, 2, 3, 4, 6, 7), journal.events().stream().filter(e -> e.id().startsWith("a.jsonl"))
                .map(e -> e.detail().path("n").asInt()).toList());
        assertEquals(ids(1, 3), journal.events().stream().filter(e -> e.id().startsWith("b.jsonl"))
                .map(e -> e.detail().path("n").asInt()).toList());
        assertEquals(List.of("a.jsonl:5"), journal.quarantined().stream().map(MemoryJournal.Quarantined::location).toList(),
                "retrying a batch does not quarantine its bad record again");
        assertDone("a.jsonl", 7);
        assertDone("b.jsonl", 3);
    }

    @Test
    void positionsOfFilesThatNoLongerExistAreForgotten() throws IOException {
        Path inbox = inbox();
        write(inbox.resolve("gone.jsonl"), lines(1, 2));
        write(inbox.resolve("kept.jsonl"), lines(1, 2));
        DirectoryPoller poller = poller(inbox);
        poller.poll();
        Files.delete(inbox.resolve("gone.jsonl"));

        poller.poll();

        assertEquals(Set.of("kept.jsonl"), journal.checkpoints("files").keySet());
    }

    @Test
    void aMissingDirectoryIsLookedAtAgainUntilItAppears() throws IOException {
        Path inbox = temp.resolve("not-yet");
        DirectoryPoller poller = poller(inbox);
        poller.poll();
        assertTrue(journal.appends().isEmpty());

        Files.createDirectories(inbox);
        write(inbox.resolve("late.jsonl"), lines(1, 2));
        poller.poll();

        assertEquals(2, journal.events().size());
    }

    @Test
    void aFileIsReadOnlyOnceItHasSettled() throws IOException {
        Path inbox = inbox();
        Path file = inbox.resolve("fresh.jsonl");
        write(file, lines(1, 2));
        DirectoryPoller poller = poller(inbox, "settle_time", 60_000L);
        poller.poll();
        assertTrue(journal.appends().isEmpty(), "written just now: not settled");

        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(120)));
        poller.poll();
        assertEquals(2, journal.events().size());
    }

    @Test
    void onlyIncludedVisibleFilesAreReadSubdirectoriesToo() throws IOException {
        Path inbox = inbox();
        write(inbox.resolve(".partial.jsonl"), lines(1, 1));
        write(inbox.resolve("notes.txt"), lines(1, 1));
        Files.createDirectories(inbox.resolve("AWSLogs/eu-west-1"));
        Files.createDirectories(inbox.resolve(".tmp"));
        write(inbox.resolve(".tmp/x.jsonl"), lines(1, 1));
        write(inbox.resolve("AWSLogs/eu-west-1/deep.jsonl"), lines(1, 1));

        poller(inbox).poll();

        assertEquals(List.of("AWSLogs/eu-west-1/deep.jsonl"),
                journal.appends().stream().map(a -> a.next().stream()).toList());
    }

    @Test
    void otherJsonUsesTheConfiguredPointers() throws IOException {
        Path inbox = inbox();
        write(inbox.resolve("vpn.jsonl"), List.of(
                "{\"uuid\":\"s-1\",\"kind\":\"vpn.login\",\"at\":\"2026-11-22T07:00:00Z\",\"level\":\"warning\"}",
                "{\"kind\":\"vpn.logout\",\"at\":1795330800}"));

        poller(inbox, "id_pointer", "/uuid", "type_pointer", "/kind", "time_pointer", "/at", "severity_pointer", "/level").poll();

        List<Event> events = journal.events();
        assertEquals("s-1", events.get(0).id());
        assertEquals("vpn.login", events.get(0).type());
        assertEquals(Severity.MEDIUM, events.get(0).severity());
        assertTrue(events.get(1).id().startsWith("vpn.jsonl:2@"), events.get(1).id());
        assertEquals(Instant.ofEpochSecond(1795330800), events.get(1).time());
    }

    @Test
    void aRecordWithAnEpochOutOfRangeIsQuarantinedAndTheFilesAfterItFlow() throws IOException {
        Path inbox = inbox();
        Files.writeString(inbox.resolve("a.jsonl"), "{\"time\":\"9999999999999999999\",\"msg\":\"x\"}\n");
        write(inbox.resolve("b.jsonl"), lines(1, 2));

        poller(inbox).poll();

        assertEquals(List.of("a.jsonl:1"), journal.quarantined().stream().map(MemoryJournal.Quarantined::location).toList());
        String reason = journal.quarantined().get(0).reason();
        assertTrue(reason.contains("9999999999999999999") && reason.contains("out of range"), reason);
        assertEquals(2, journal.events().size());
        assertDone("a.jsonl", 1);
        assertDone("b.jsonl", 2);
    }

    @Test
    void aRecordLongerThanMaxRecordBytesIsQuarantinedAsTooLargeAndTheRestFlows() throws IOException {
        Path inbox = inbox();
        String big = "{\"type\":\"big\",\"blob\":\"" + "x".repeat(3000) + "\"}";
        write(inbox.resolve("a.jsonl"), List.of(json(1), big, json(3)));
        Files.writeString(inbox.resolve("b.json"), "[" + json(1) + ",\n" + big + ",\n" + json(3) + "]");

        poller(inbox, "max_record_bytes", 1024).poll();

        assertEquals(List.of("a.jsonl:2", "b.json:2"), journal.quarantined().stream()
                .map(MemoryJournal.Quarantined::location).toList());
        assertTrue(journal.quarantined().stream().allMatch(q -> q.reason().startsWith("too large (" + big.length()
                + " bytes)")), journal.quarantined().get(0).reason());
        assertEquals(4, journal.events().size());
    }

    @Test
    void aLineThatIsNotUtf8IsQuarantinedNotForwardedWithReplacementCharacters() throws IOException {
        Path inbox = inbox();
        byte[] latin1 = "{\"type\":\"login\",\"user\":\"Ren\u00e9\"}\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] good = (json(2) + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] both = Arrays.copyOf(latin1, latin1.length + good.length);
        System.arraycopy(good, 0, both, latin1.length, good.length);
        Files.write(inbox.resolve("mixed.jsonl"), both);

        poller(inbox).poll();

        assertEquals(List.of(2), journal.events().stream().map(e -> e.detail().path("n").asInt()).toList());
        assertEquals(1, journal.quarantined().size());
        assertTrue(journal.quarantined().get(0).reason().startsWith("not UTF-8"), journal.quarantined().get(0).reason());
    }

    @Test
    void aDirectoryThatCannotBeReadIsAProblemUntilItIsReadAgain() throws IOException {
        Path inbox = temp.resolve("inbox");
        DirectoryPoller poller = poller(inbox);
        poller.poll();
        assertTrue(String.valueOf(journal.problem("files")).contains("does not exist"), journal.problem("files"));

        Files.writeString(inbox, "a file where the directory should be");
        poller.poll();
        assertTrue(String.valueOf(journal.problem("files")).contains("not a directory"), journal.problem("files"));

        Files.delete(inbox);
        Files.createDirectories(inbox);
        poller.poll();
        assertEquals(null, journal.problem("files"));
    }

    @Test
    void aFileReplacedByASymbolicLinkIsNotFollowedAndIsAProblemUntilItIsGone() throws IOException {
        Path inbox = inbox();
        Path secret = temp.resolve("elsewhere.jsonl");
        write(secret, List.of("{\"type\":\"secret\"}"));
        write(inbox.resolve("a.jsonl"), lines(1, 2));
        write(inbox.resolve("b.jsonl"), lines(3, 4));
        journal.afterAppend(() -> {
            try { // b.jsonl was listed as a regular file; it is swapped for a link before it is opened
                if (Files.isRegularFile(inbox.resolve("b.jsonl"), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.delete(inbox.resolve("b.jsonl"));
                    Files.createSymbolicLink(inbox.resolve("b.jsonl"), secret);
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        DirectoryPoller poller = poller(inbox);

        poller.poll();
        assertTrue(journal.events().stream().noneMatch(e -> e.type().equals("secret")), "the link was followed");
        assertTrue(String.valueOf(journal.problem("files")).contains("b.jsonl"), journal.problem("files"));

        Files.delete(inbox.resolve("b.jsonl"));
        poller.poll();
        assertEquals(null, journal.problem("files"));
        assertEquals(ids(1, 2), journal.events().stream().map(e -> e.detail().path("n").asInt()).toList());
    }

    @Test
    void aSymbolicLinkInTheDirectoryIsQuarantinedOnceAndNeverFollowed() throws IOException {
        Path inbox = inbox();
        Path secret = temp.resolve("elsewhere.jsonl");
        write(secret, List.of("{\"type\":\"secret\"}"));
        Files.createSymbolicLink(inbox.resolve("link.jsonl"), secret);
        write(inbox.resolve("real.jsonl"), lines(1, 1));
        DirectoryPoller poller = poller(inbox);

        poller.poll();
        poller.poll();

        assertEquals(List.of(1), journal.events().stream().map(e -> e.detail().path("n").asInt()).toList());
        assertEquals(List.of("link.jsonl"), journal.quarantined().stream().map(MemoryJournal.Quarantined::location).toList());
        assertTrue(journal.quarantined().get(0).reason().contains("symbolic link"), journal.quarantined().get(0).reason());
    }

    @Test
    void cloudTrailDigestFilesAreNotRead() throws IOException {
        Path inbox = inbox();
        Path digests = Files.createDirectories(inbox.resolve("AWSLogs/123456789012/CloudTrail-Digest/eu-west-1/2026/11/01"));
        String digest = "{\"awsAccountId\":\"123456789012\",\"digestStartTime\":\"2026-11-01T00:00:00Z\",\"logFiles\":[]}";
        Files.write(digests.resolve("123456789012_CloudTrail-Digest_eu-west-1_main_eu-west-1_20261101T010000Z.json.gz"),
                gzip(digest.getBytes(StandardCharsets.UTF_8)));
        Files.writeString(inbox.resolve("123456789012_CloudTrail-Digest_eu-west-1_main_eu-west-1_20261101T020000Z.json"),
                digest);
        write(inbox.resolve("real.jsonl"), lines(1, 1));

        poller(inbox).poll();

        assertEquals(List.of("real.jsonl"), journal.appends().stream().map(a -> a.next().stream()).toList());
        assertTrue(journal.quarantined().isEmpty(), journal.quarantined().toString());
    }

    @Test
    void aCloudTrailFileWithAMissingCommaBetweenTwoRecordsLosesNoOtherRecord() throws IOException {
        Path inbox = inbox();
        String records = "{\"Records\":[" + json(1) + "," + json(2) + json(3) + "," + json(4) + "]}";
        Files.write(inbox.resolve("trail.json.gz"), gzip(records.getBytes(StandardCharsets.UTF_8)));

        poller(inbox).poll();

        assertEquals(ids(1, 4), journal.events().stream().map(e -> e.detail().path("n").asInt()).toList());
        assertEquals(List.of("trail.json.gz:3"), journal.quarantined().stream().map(MemoryJournal.Quarantined::location).toList());
        String reason = journal.quarantined().get(0).reason();
        assertTrue(reason.contains("expecting comma") && reason.contains("skipped 0 bytes"), reason);
        assertDone("trail.json.gz", 5);
    }

    // ---- helpers

    private Path inbox() throws IOException {
        return Files.createDirectories(temp.resolve("inbox"));
    }

    private DirectoryPoller poller(Path inbox, Object... settings) {
        return opened(new DirectoryPoller(TestConfig.settings(inbox, settings), journal, () -> false, HeraldKinds.all()));
    }

    /** Closed after the test: each poller watches its directory with a watch service of its own. */
    private DirectoryPoller opened(DirectoryPoller poller) {
        opened.add(poller);
        return poller;
    }

    @AfterEach
    void closePollers() {
        opened.forEach(DirectoryPoller::close);
    }

    private void assertDone(String stream, long through) {
        FilePosition p = FilePosition.decode(journal.checkpoints("files").get(stream)).orElseThrow();
        assertTrue(p.done(), stream + " should be finished: " + p);
        assertEquals(through, p.through(), stream);
    }

    private static FilePosition position(MemoryJournal.Append append) {
        return FilePosition.decode(append.next().position()).orElseThrow();
    }

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = DirectoryPollerTest.class.getResourceAsStream("/fixtures/" + name)) {
            return in.readAllBytes();
        }
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    private static String json(int n) {
        return "{\"n\":" + n + ",\"type\":\"test\",\"time\":\"2026-11-22T10:00:00Z\"}";
    }

    static List<String> lines(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(DirectoryPollerTest::json).toList();
    }

    private static String records(int from, int to) {
        return "{\"Records\":[" + String.join(",", lines(from, to)) + "]}";
    }

    private static List<Integer> ids(int from, int to) {
        return IntStream.rangeClosed(from, to).boxed().toList();
    }

    private static void write(Path file, List<String> lines) throws IOException {
        Files.writeString(file, String.join("\n", lines) + "\n");
    }
}
