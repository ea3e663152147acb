package dev.herald.sink.sns;

import dev.herald.testkit.http.StubHttpServer.Recorded;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks an AWS Signature Version 4 the way AWS does: rebuilds the canonical request from what
 * arrived, derives the signing key from the secret key, and compares signatures. Written from
 * AWS's "Create a signed AWS API request" steps; only what a Query-protocol POST needs (path
 * {@code /}, no query string, the body hashed).
 */
final class SigV4Verifier {
    private static final Pattern AUTHORIZATION = Pattern.compile("AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/"
            + "([^/]+)/([^/]+)/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})");

    private final String accessKeyId;
    private final String secretAccessKey;

    SigV4Verifier(String accessKeyId, String secretAccessKey) {
        this.accessKeyId = accessKeyId;
        this.secretAccessKey = secretAccessKey;
    }

    /** The scope's region when the signature is valid; an SNS error code (as AWS answers) when it is not. */
    Verdict verify(Recorded request) {
        String authorization = request.header("Authorization");
        Matcher a = authorization == null ? null : AUTHORIZATION.matcher(authorization);
        if (a == null || !a.matches()) {
            return Verdict.rejected("MissingAuthenticationToken");
        }
        if (!a.group(1).equals(accessKeyId)) {
            return Verdict.rejected("InvalidClientTokenId");
        }
        String amzDate = request.header("X-Amz-Date");
        String date = a.group(2);
        String region = a.group(3);
        String service = a.group(4);
        if (amzDate == null || !amzDate.startsWith(date) || !service.equals("sns")) {
            return Verdict.rejected("IncompleteSignature");
        }
        // 1. the canonical request: method, path, query, the signed headers as sent, their names, the body's hash
        StringBuilder canonical = new StringBuilder(request.method()).append('\n')
                .append(request.uri().getRawPath()).append('\n')
                .append(Optional.ofNullable(request.uri().getRawQuery()).orElse("")).append('\n');
        String signedHeaders = a.group(5);
        for (String name : signedHeaders.split(";")) {
            String value = String.join(",", request.headerValues(name)).trim().replaceAll(" +", " ");
            canonical.append(name.toLowerCase(Locale.ROOT)).append(':').append(value).append('\n');
        }
        canonical.append('\n').append(signedHeaders).append('\n').append(hex(sha256(request.body())));
        // 2. the string to sign: algorithm, time, scope, the canonical request's hash
        String scope = date + "/" + region + "/" + service + "/aws4_request";
        String stringToSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
                + hex(sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        // 3. the signing key, HMAC-chained from the secret key through the scope, and the signature
        byte[] key = hmac(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, service);
        key = hmac(key, "aws4_request");
        String expected = hex(hmac(key, stringToSign));
        return expected.equals(a.group(6)) ? new Verdict(region, null) : Verdict.rejected("SignatureDoesNotMatch");
    }

    /** A signature's outcome: the region it was made for, or the error code AWS answers. */
    record Verdict(String region, String error) {
        static Verdict rejected(String error) {
            return new Verdict(null, error);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
