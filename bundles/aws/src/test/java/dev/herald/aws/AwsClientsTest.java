package dev.herald.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.testkit.http.StubHttpServer.Recorded;
import dev.herald.testkit.http.StubHttpServer.Reply;
import dev.herald.testkit.http.StubHttpServer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.util.converter.Converters;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

/** Clients built by {@link AwsClients} against an in-process STS that checks the signed requests. */
class AwsClientsTest {
    static final String IDENTITY = """
            <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <GetCallerIdentityResult>
                <Arn>arn:aws:iam::123456789012:user/herald</Arn>
                <UserId>AIDAEXAMPLEUSERID</UserId>
                <Account>123456789012</Account>
              </GetCallerIdentityResult>
              <ResponseMetadata><RequestId>4d6f1a2e-0000-4000-8000-000000000001</RequestId></ResponseMetadata>
            </GetCallerIdentityResponse>""";
    static final String ASSUMED = """
            <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <AssumeRoleResult>
                <Credentials>
                  <AccessKeyId>ASIATEMPORARYKEY</AccessKeyId>
                  <SecretAccessKey>temporary/secret</SecretAccessKey>
                  <SessionToken>FQoGZXIvYXdzEXAMPLETOKEN</SessionToken>
                  <Expiration>2099-01-01T00:00:00Z</Expiration>
                </Credentials>
                <AssumedRoleUser>
                  <Arn>arn:aws:sts::123456789012:assumed-role/herald-reader/herald</Arn>
                  <AssumedRoleId>AROAEXAMPLEROLEID:herald</AssumedRoleId>
                </AssumedRoleUser>
              </AssumeRoleResult>
              <ResponseMetadata><RequestId>4d6f1a2e-0000-4000-8000-000000000002</RequestId></ResponseMetadata>
            </AssumeRoleResponse>""";

    final StubHttpServer aws = StubHttpServer.http();
    final StubHttpServer sts = StubHttpServer.http();
    AwsClients clients;

    @AfterEach
    void close() {
        if (clients != null) {
            clients.close();
        }
        aws.close();
        sts.close();
    }

    static AwsConnection connection(Map<String, Object> properties) {
        Map<String, Object> withPid = new HashMap<>(properties);
        withPid.putIfAbsent("service.pid", "");  // DS always sets it
        return Converters.standardConverter().convert(withPid).to(AwsConnection.class);
    }

    Map<String, Object> staticKeys() {
        Map<String, Object> p = new HashMap<>();
        p.put("region", "eu-west-1");
        p.put("endpoint", aws.uri("/").toString());
        p.put("credentials", "static");
        p.put("access_key_id", "AKIDHERALDTEST");
        p.put("secret_access_key", "very/secret+key");
        return p;
    }

    static Map<String, String> form(Recorded r) {
        Map<String, String> form = new HashMap<>();
        for (String pair : r.bodyText().split("&")) {
            int eq = pair.indexOf('=');
            form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return form;
    }

    static Reply xml(int status, String body) {
        return Reply.status(status, body, "Content-Type", "text/xml");
    }

    static String error(String code, String message) {
        return "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type>"
                + "<Code>" + code + "</Code><Message>" + message + "</Message></Error>"
                + "<RequestId>4d6f1a2e-0000-4000-8000-00000000000e</RequestId></ErrorResponse>";
    }

    @Test
    void staticKeysSignTheRequestsForTheConfiguredRegionAndEndpoint() {
        aws.reply(xml(200, IDENTITY));
        clients = AwsClients.create("test", connection(staticKeys()));
        StsClient client = clients.client(StsClient.builder());

        assertEquals("123456789012", client.getCallerIdentity().account());

        Recorded r = aws.take();
        assertEquals("POST", r.method());
        assertEquals("GetCallerIdentity", form(r).get("Action"));
        String auth = r.header("Authorization");
        assertTrue(auth.startsWith("AWS4-HMAC-SHA256 Credential=AKIDHERALDTEST/"), auth);
        assertTrue(auth.contains("/eu-west-1/sts/aws4_request"), auth);
        assertTrue(auth.contains("Signature="), auth);
        assertTrue(r.header("X-Amz-Date").matches("\\d{8}T\\d{6}Z"));
        assertFalse(auth.contains("very/secret+key"));
    }

    @Test
    void anAssumedRoleSignsWithTheTemporaryCredentials() {
        sts.reply(xml(200, ASSUMED));
        aws.reply(xml(200, IDENTITY));
        Map<String, Object> p = staticKeys();
        p.put("role_arn", "arn:aws:iam::123456789012:role/herald-reader");
        p.put("external_id", "soc-7f3a");
        p.put("sts_endpoint", sts.uri("/").toString());
        clients = AwsClients.create("test", connection(p));

        clients.client(StsClient.builder()).getCallerIdentity();

        Recorded assume = sts.take();
        Map<String, String> form = form(assume);
        assertEquals("AssumeRole", form.get("Action"));
        assertEquals("arn:aws:iam::123456789012:role/herald-reader", form.get("RoleArn"));
        assertEquals("herald", form.get("RoleSessionName"));
        assertEquals("soc-7f3a", form.get("ExternalId"));
        assertTrue(assume.header("Authorization").contains("Credential=AKIDHERALDTEST/"));

        Recorded call = aws.take();
        assertTrue(call.header("Authorization").contains("Credential=ASIATEMPORARYKEY/"), call.header("Authorization"));
        assertEquals("FQoGZXIvYXdzEXAMPLETOKEN", call.header("X-Amz-Security-Token"));
    }

    @Test
    void anInvalidSettingOfAnInstanceIsRefusedNamingTheInstanceFirst() {
        Map<String, Object> p = staticKeys();
        p.remove("access_key_id");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AwsClients.forInstance("source", "s3", "audit", connection(p)));
        assertTrue(e.getMessage().startsWith("s3 source 'audit': ") && e.getMessage().contains("access_key_id"),
                e.getMessage());
    }

    @Test
    void anUnknownHostIsNamedInAFewWords() {
        Map<String, Object> p = staticKeys();
        p.put("endpoint", "http://no-such-host.invalid");
        p.put("retry_mode", "legacy");
        clients = AwsClients.create("test", connection(p));

        SdkException e = assertThrows(SdkException.class, () -> clients.client(StsClient.builder()).getCallerIdentity());

        assertTrue(AwsErrors.retryable(e));
        assertEquals("AWS could not be reached: the host name no-such-host.invalid does not resolve (check region,"
                + " endpoint and DNS)", AwsErrors.describe(e));
    }

    @Test
    void theCallersOverrideConfigurationIsKept() {
        aws.reply(xml(200, IDENTITY));
        clients = AwsClients.create("test", connection(staticKeys()));
        List<String> seen = new ArrayList<>();
        StsClient client = clients.client(StsClient.builder().overrideConfiguration(o -> o.addExecutionInterceptor(
                new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        seen.add(context.request().getClass().getSimpleName());
                    }
                })));

        client.getCallerIdentity();

        assertEquals(List.of("GetCallerIdentityRequest"), seen);
    }

    @Test
    void aSecondServiceCanHaveItsOwnEndpoint() {
        sts.reply(xml(200, IDENTITY));
        clients = AwsClients.create("test", connection(staticKeys()));

        clients.client(StsClient.builder(), Region.EU_WEST_1, sts.uri("/"))
                .getCallerIdentity();

        assertEquals("GetCallerIdentity", form(sts.take()).get("Action"));
        assertEquals(0, aws.pending(), "the configured endpoint is not used for that client");
    }

    @Test
    void throttlingIsRetriedByTheSdkInStandardMode() {
        aws.replyOnce(xml(400, error("Throttling", "Rate exceeded"))).reply(xml(200, IDENTITY));
        clients = AwsClients.create("test", connection(staticKeys()));

        clients.client(StsClient.builder()).getCallerIdentity();

        aws.take();
        aws.take();
        assertEquals(0, aws.pending());
    }

    @Test
    void accessDeniedIsPermanentAndSaysWhatToDo() {
        aws.reply(xml(403, error("AccessDenied", "User is not authorized to perform sts:GetCallerIdentity")));
        clients = AwsClients.create("test", connection(staticKeys()));
        StsClient client = clients.client(StsClient.builder());

        SdkException e = assertThrows(SdkException.class, client::getCallerIdentity);

        assertFalse(AwsErrors.retryable(e));
        String text = AwsErrors.describe(e);
        assertTrue(text.contains("HTTP 403 AccessDenied"), text);
        assertTrue(text.contains("not authorized"), text);
        assertTrue(text.contains("grant the credentials' IAM identity"), text);
        assertEquals(1, aws.pending(), "a permanent error is not retried");
    }

    @Test
    void anOutageIsRetryableAndHonoursRetryAfter() {
        aws.reply(xml(503, error("ServiceUnavailable", "Service is unavailable")).withHeader("Retry-After", "7"));
        Map<String, Object> p = staticKeys();
        p.put("retry_mode", "legacy");
        clients = AwsClients.create("test", connection(p));
        StsClient client = clients.client(StsClient.builder());

        SdkException e = assertThrows(SdkException.class, client::getCallerIdentity);

        assertTrue(AwsErrors.retryable(e));
        assertEquals(Duration.ofSeconds(7), AwsErrors.retryAfter(e).orElseThrow());
    }

    @Test
    void anUnreachableEndpointIsRetryable() {
        Map<String, Object> p = staticKeys();
        int port = aws.port();
        aws.close();
        p.put("endpoint", "http://127.0.0.1:" + port);
        p.put("retry_mode", "legacy");
        clients = AwsClients.create("test", connection(p));
        StsClient client = clients.client(StsClient.builder());

        SdkException e = assertThrows(SdkException.class, client::getCallerIdentity);

        assertTrue(AwsErrors.retryable(e));
        assertTrue(AwsErrors.describe(e).startsWith("AWS could not be reached: connection refused"), AwsErrors.describe(e));
    }
}
