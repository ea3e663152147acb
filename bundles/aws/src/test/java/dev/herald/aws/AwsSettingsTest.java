package dev.herald.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;

class AwsSettingsTest {

    static AwsSettings settings(Object... keyValues) {
        Map<String, Object> p = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.put((String) keyValues[i], keyValues[i + 1]);
        }
        return AwsSettings.of("test", AwsClientsTest.connection(p));
    }

    static String rejected(Object... keyValues) {
        return assertThrows(IllegalArgumentException.class, () -> settings(keyValues)).getMessage();
    }

    @Test
    void defaultsUseTheSdkChainsAndStandardRetries() {
        AwsSettings s = settings();
        assertEquals(AwsSettings.DEFAULT_CHAIN, s.credentials());
        assertTrue(s.region().isEmpty());
        assertTrue(s.endpoint().isEmpty());
        assertEquals(RetryMode.STANDARD, s.retryMode());
        assertFalse(s.assumesRole());
        assertFalse(s.insecure());
    }

    @Test
    void parsesEverySetting() {
        AwsSettings s = settings("region", "eu-central-1", "endpoint", "https://vpce-1.s3.eu-central-1.vpce.amazonaws.com",
                "credentials", "PROFILE", "profile", "soc", "role_arn", "arn:aws-us-gov:iam::123456789012:role/a/b",
                "retry_mode", "adaptive", "proxy", "proxy.corp:3128", "connect_timeout", 3, "read_timeout", 30);
        assertEquals(Region.EU_CENTRAL_1, s.region().orElseThrow());
        assertEquals("vpce-1.s3.eu-central-1.vpce.amazonaws.com", s.endpoint().orElseThrow().getHost());
        assertEquals(AwsSettings.PROFILE, s.credentials());
        assertTrue(s.assumesRole());
        assertEquals(RetryMode.ADAPTIVE_V2, s.retryMode());
        assertEquals("proxy.corp", s.proxy().orElseThrow().getHost());
        assertEquals(30, s.readTimeout().toSeconds());
    }

    @Test
    void invalidValuesNameThePropertyAndTheFix() {
        assertTrue(rejected("credentials", "env").startsWith("credentials 'env' is not one of default, profile or static"));
        assertTrue(rejected("credentials", "profile").startsWith("profile is empty but credentials=profile"));
        assertTrue(rejected("credentials", "static", "access_key_id", "AKID").contains("needs access_key_id and secret_access_key"));
        assertTrue(rejected("region", "Ireland").contains("region 'Ireland' is not an AWS region code"));
        assertTrue(rejected("endpoint", "s3.local:9090").startsWith("endpoint 's3.local:9090' is not an http(s) URL"));
        assertTrue(rejected("sts_endpoint", "ftp://sts").startsWith("sts_endpoint 'ftp://sts'"));
        assertTrue(rejected("role_arn", "herald-reader").contains("is not an IAM role ARN"));
        assertTrue(rejected("role_session_name", "a b").startsWith("role_session_name 'a b'"));
        assertTrue(rejected("retry_mode", "forever").startsWith("retry_mode 'forever'"));
        assertTrue(rejected("proxy", "proxy.corp").startsWith("proxy 'proxy.corp' is not host:port"));
        assertTrue(rejected("read_timeout", 0).contains("must be positive"));
    }

    @Test
    void toStringNeverShowsSecrets() {
        String text = settings("credentials", "static", "access_key_id", "AKIDVISIBLE", "secret_access_key", "s3cr3t",
                "session_token", "t0ken").toString();
        assertTrue(text.contains("AKIDVISIBLE ****"), text);
        assertFalse(text.contains("s3cr3t"));
        assertFalse(text.contains("t0ken"));
    }

    @Test
    void aMissingCaBundleIsReportedWhenClientsAreCreated() {
        Map<String, Object> p = new HashMap<>();
        p.put("ca_bundle", "/nonexistent/ca.pem");
        p.put("region", "eu-west-1");
        AwsClients clients = AwsClients.create("test", AwsClientsTest.connection(p));
        String message = assertThrows(IllegalArgumentException.class,
                () -> clients.client(software.amazon.awssdk.services.sts.StsClient.builder())).getMessage();
        assertTrue(message.startsWith("ca_bundle '/nonexistent/ca.pem' does not exist"), message);
        clients.close();
    }
}
