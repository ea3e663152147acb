package dev.herald.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A directory for a file source, into which the tests drop CloudTrail log files the way S3 sync
 * would: each written aside and moved in atomically, under a name of its own.
 */
final class CloudTrailInbox {
    private final Path directory;
    private final String idPrefix;
    private int files;

    /** @param idPrefix starts every eventID written here, so that each test knows its own events */
    CloudTrailInbox(String idPrefix) throws IOException {
        this.directory = Files.createTempDirectory("herald-" + idPrefix);
        this.idPrefix = idPrefix;
    }

    Path directory() {
        return directory;
    }

    /** Writes a log file of {@code count} CreateUser records; returns their eventIDs, unique in this inbox. */
    synchronized List<String> drop(int count) throws IOException {
        int file = ++files;
        List<String> ids = IntStream.range(0, count)
                .mapToObj(i -> String.format("%s-%04d-%04d-4c1e-9d2b-5f0c1e3a7b%02d", idPrefix, file, i, i % 100))
                .toList();
        String records = IntStream.range(0, count).mapToObj(i -> record(ids.get(i), i)).collect(Collectors.joining(","));
        Path tmp = Files.createTempFile(directory.getParent(), "ct", ".tmp");
        Files.writeString(tmp, "{\"Records\":[" + records + "]}", StandardCharsets.UTF_8);
        Files.move(tmp, directory.resolve("123456789012_CloudTrail_us-east-1_" + file + ".json"),
                StandardCopyOption.ATOMIC_MOVE);
        return ids;
    }

    private static String record(String id, int i) {
        return "{\"eventVersion\":\"1.09\",\"userIdentity\":{\"type\":\"IAMUser\",\"principalId\":\"AIDAEXAMPLE\","
                + "\"arn\":\"arn:aws:iam::123456789012:user/alice\",\"accountId\":\"123456789012\",\"userName\":\"alice\"},"
                + "\"eventTime\":\"2026-11-22T10:00:" + String.format("%02d", i % 60) + "Z\","
                + "\"eventSource\":\"iam.amazonaws.com\",\"eventName\":\"CreateUser\",\"awsRegion\":\"us-east-1\","
                + "\"sourceIPAddress\":\"203.0.113.7\",\"userAgent\":\"aws-cli/2.15.0\","
                + "\"requestParameters\":{\"userName\":\"tmp-" + i + "\"},\"responseElements\":null,"
                + "\"eventID\":\"" + id + "\",\"readOnly\":false,\"eventType\":\"AwsApiCall\","
                + "\"recipientAccountId\":\"123456789012\",\"eventCategory\":\"Management\"}";
    }
}
