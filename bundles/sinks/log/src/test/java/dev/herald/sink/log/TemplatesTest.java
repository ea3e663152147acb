package dev.herald.sink.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.api.Event;
import dev.herald.api.Severity;
import dev.herald.testkit.sink.SinkTemplates;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The default templates, rendered by Herald's engine as the dispatcher renders them for this sink
 * (no escaping, as its {@code @TemplateEscape(Escaping.NONE)} says), give one readable line, also
 * when fields are missing. The template is the one Herald picks for the event's source.
 */
class TemplatesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SinkTemplates TEMPLATES = SinkTemplates.of(LogSink.class).withDelivery("r1", "console", "k");

    private static String render(String source, String type, String detailJson) throws Exception {
        Event event = Event.builder().id("id-1").source(source).instance("prod").type(type)
                .time(Instant.parse("2026-11-22T10:00:00Z")).severity(Severity.HIGH)
                .detail(JSON.readTree(detailJson)).raw(detailJson).build();
        return LogSink.oneLine(TEMPLATES.render(event, Severity.HIGH));
    }

    @Test
    void defaultLine() throws Exception {
        assertEquals("HIGH json Thing from prod at 2026-11-22T10:00:00Z id=id-1 route=r1",
                render("json", "Thing", "{}"));
    }

    @Test
    void pceLine() throws Exception {
        String event = "{\"href\":\"/orgs/1/events/9\",\"event_type\":\"user.login_failed\",\"status\":\"failure\","
                + "\"severity\":\"warning\",\"pce_fqdn\":\"pce.example.com\","
                + "\"created_by\":{\"user\":{\"href\":\"/users/4\",\"username\":\"alice@example.com\"}},"
                + "\"action\":{\"api_endpoint\":\"/login\",\"api_method\":\"POST\",\"http_status_code\":401,\"src_ip\":\"203.0.113.9\"}}";
        assertEquals("HIGH pce user.login_failed status=failure by=alice@example.com src_ip=203.0.113.9"
                + " pce=pce.example.com route=r1", render("pce", "user.login_failed", event));
        assertEquals("HIGH pce agent.tampering status=- by=web-01 src_ip=- pce=- route=r1",
                render("pce", "agent.tampering", "{\"created_by\":{\"workload\":{\"hostname\":\"web-01\"}}}"));
        assertEquals("HIGH pce sec_policy.create status=success by=system src_ip=- pce=- route=r1",
                render("pce", "sec_policy.create", "{\"status\":\"success\",\"created_by\":{\"system\":{}}}"));
    }

    @Test
    void cloudTrailLine() throws Exception {
        String record = "{\"eventName\":\"CreateUser\",\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"198.51.100.4\","
                + "\"userIdentity\":{\"type\":\"IAMUser\",\"arn\":\"arn:aws:iam::123456789012:user/alice\",\"userName\":\"alice\"}}";
        assertEquals("HIGH cloudtrail CreateUser by=arn:aws:iam::123456789012:user/alice src_ip=198.51.100.4"
                + " region=us-east-1 route=r1", render("cloudtrail", "CreateUser", record));
        String denied = "{\"eventName\":\"GetObject\",\"awsRegion\":\"eu-west-1\",\"sourceIPAddress\":\"s3.amazonaws.com\","
                + "\"userIdentity\":{\"type\":\"AWSAccount\",\"userName\":\"bob\"},\"errorCode\":\"AccessDenied\"}";
        assertEquals("HIGH cloudtrail GetObject by=bob src_ip=s3.amazonaws.com region=eu-west-1 error=AccessDenied"
                + " route=r1", render("cloudtrail", "GetObject", denied));
        assertEquals("HIGH cloudtrail ConsoleLogin by=- src_ip=- region=- route=r1",
                render("cloudtrail", "ConsoleLogin", "{}"));
    }

    @Test
    void securityHubLine() throws Exception {
        String asff = "{\"Id\":\"f-1\",\"AwsAccountId\":\"123456789012\",\"Title\":\"S3 bucket allows public read\","
                + "\"Severity\":{\"Label\":\"CRITICAL\"},\"Compliance\":{\"Status\":\"FAILED\"},"
                + "\"Resources\":[{\"Type\":\"AwsS3Bucket\",\"Id\":\"arn:aws:s3:::reports\"},{\"Id\":\"second\"}]}";
        assertEquals("CRITICAL securityhub \"S3 bucket allows public read\" resource=arn:aws:s3:::reports"
                + " account=123456789012 compliance=FAILED route=r1", render("securityhub", "t", asff));
        String ocsf = "{\"severity\":\"Medium\",\"finding_info\":{\"title\":\"Root login\"},"
                + "\"resources\":[{\"uid\":\"acct-root\"}],\"cloud\":{\"account\":{\"uid\":\"210987654321\"}},"
                + "\"compliance\":{\"status\":\"Warning\"}}";
        assertEquals("MEDIUM securityhub \"Root login\" resource=acct-root account=210987654321 compliance=Warning"
                + " route=r1", render("securityhub", "t", ocsf));
        assertEquals("HIGH securityhub \"Finding\" resource=- account=- compliance=- route=r1",
                render("securityhub", "Finding", "{}"));
    }

    @Test
    void illumioFlowLine() throws Exception {
        String flow = "{\"src_ip\":\"10.0.0.5\",\"dst_ip\":\"10.0.1.7\",\"dst_port\":5432,\"proto\":6,\"pd\":2,"
                + "\"count\":12,\"src_hostname\":\"web-01\",\"dst_hostname\":\"db-01\",\"pce_fqdn\":\"pce.example.com\"}";
        assertEquals("HIGH illumio-flow 10.0.0.5 -> 10.0.1.7:5432/tcp blocked count=12 src_host=web-01 dst_host=db-01"
                + " pce=pce.example.com route=r1", render("illumio-flow", "flow", flow));
        assertEquals("HIGH illumio-flow 10.0.0.5 -> 10.0.1.7:53/udp allowed count=1 pce=- route=r1",
                render("illumio-flow", "flow",
                        "{\"src_ip\":\"10.0.0.5\",\"dst_ip\":\"10.0.1.7\",\"dst_port\":53,\"proto\":17,\"pd\":0}"));
        assertEquals("HIGH illumio-flow ? -> ?:?/? unknown count=1 pce=- route=r1",
                render("illumio-flow", "flow", "{}"));
        assertEquals("HIGH illumio-flow 10.0.0.5 -> 10.0.1.7:0/47 potentially-blocked count=3 pce=- route=r1",
                render("illumio-flow", "flow",
                        "{\"src_ip\":\"10.0.0.5\",\"dst_ip\":\"10.0.1.7\",\"dst_port\":0,\"proto\":47,\"pd\":1,\"count\":3}"));
    }

    @Test
    void rendersADigestWithItsCountAndExamples() throws Exception {
        SinkTemplates.of(LogSink.class).assertRendersDigest();
    }
}
