package dev.herald.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Plays EventBridge's API destination: posts one Security Hub finding at a time to Herald's push
 * endpoint over HTTPS (trusting the throw-away certificate Karaf serves), and notes when each was
 * sent.
 */
final class FindingPusher {
    private final HttpClient client;
    private final URI endpoint;
    private final String headerSecret;
    private final AtomicLong sequence = new AtomicLong();
    private final Map<Long, Long> sent = new ConcurrentHashMap<>();

    FindingPusher(URI endpoint, String headerSecret, Path keystore, String password) throws IOException, GeneralSecurityException {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            trusted.load(in, password.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        this.client = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(10)).build();
        this.endpoint = endpoint;
        this.headerSecret = headerSecret;
    }

    /** Posts the next finding; returns its sequence number, or -1 when Herald did not answer 200. */
    long push() throws InterruptedException {
        long seq = sequence.incrementAndGet();
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json").header("x-herald-token", headerSecret)
                    .POST(HttpRequest.BodyPublishers.ofString(envelope(seq))).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return -1;
            }
        } catch (IOException e) {
            return -1;
        }
        sent.put(seq, start);
        return seq;
    }

    /** {@link System#nanoTime()} when the push of {@code seq} began. */
    long sentAt(long seq) {
        return sent.get(seq);
    }

    /** An EventBridge "Security Hub Findings - Imported" event with one HIGH finding. */
    private static String envelope(long seq) {
        String now = Instant.now().toString();
        return "{\"version\":\"0\",\"id\":\"" + UUID.randomUUID() + "\",\"detail-type\":\"Security Hub Findings - Imported\","
                + "\"source\":\"aws.securityhub\",\"account\":\"123456789012\",\"time\":\"" + now + "\",\"region\":\"us-east-1\","
                + "\"resources\":[],\"detail\":{\"findings\":[{\"SchemaVersion\":\"2018-10-08\","
                + "\"Id\":\"arn:aws:securityhub:us-east-1:123456789012:subscription/aws-foundational-security-best-practices/v/1.0.0/S3.8/finding/bench-" + seq + "\","
                + "\"ProductArn\":\"arn:aws:securityhub:us-east-1::product/aws/securityhub\",\"ProductName\":\"Security Hub\","
                + "\"GeneratorId\":\"security-control/S3.8\",\"AwsAccountId\":\"123456789012\",\"CreatedAt\":\"2026-11-23T09:00:00.000Z\","
                + "\"UpdatedAt\":\"" + now + "\",\"Title\":\"S3 general purpose buckets should block public access\","
                + "\"Description\":\"This control checks whether an S3 bucket blocks public access.\",\"RecordState\":\"ACTIVE\","
                + "\"Types\":[\"Software and Configuration Checks/Industry and Regulatory Standards\"],\"Severity\":{\"Label\":\"HIGH\"},"
                + "\"Resources\":[{\"Type\":\"AwsS3Bucket\",\"Id\":\"arn:aws:s3:::bench-public\",\"Region\":\"us-east-1\"}],"
                + "\"Compliance\":{\"Status\":\"FAILED\"},\"Workflow\":{\"Status\":\"NEW\"}}]}}";
    }
}
