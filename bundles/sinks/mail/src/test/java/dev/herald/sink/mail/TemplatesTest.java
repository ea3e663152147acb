package dev.herald.sink.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.api.Event;
import dev.herald.api.Severity;
import dev.herald.testkit.sink.SinkTemplates;
import dev.herald.testkit.sink.TemplatesContract;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default templates, rendered by Herald's own engine as the dispatcher renders them
 * ({@code herald.template.escape=json}), give a body the sink can mail whatever the record holds:
 * hostile content comes out HTML-escaped in "html", intact in "text", on one line in "subject".
 */
class TemplatesTest extends TemplatesContract {
    TemplatesTest() {
        super(SinkTemplates.of(MailSink.class));
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Quotes, a backslash, line breaks, markup and a script. */
    private static final String HOSTILE = "x\" onmouseover='y' \\ a\nb & <script>alert(1)</script>";
    private static final String HOSTILE_HTML = "x&quot; onmouseover=&#39;y&#39; \\ a\nb &amp; &lt;script&gt;"
            + "alert(1)&lt;/script&gt;";

    @TempDir
    Path userTemplates;

    private MailBody render(String source, String type, String detailJson) throws Exception {
        Event event = Event.builder().id("ev-1").source(source).instance("prod-" + source).type(type)
                .time(Instant.parse("2026-11-22T10:00:00Z")).severity(Severity.HIGH)
                .detail(JSON.readTree(detailJson)).raw(detailJson).build();
        String body = SinkTemplates.of(MailSink.class).withUserTemplates(userTemplates)
                .withDelivery("secops-alerts", "secops-mail", "key-1").render(event, Severity.HIGH);
        MailBody mail = MailBody.parse(body);
        assertTrue(mail.subject().startsWith("[Herald HIGH] "), mail.subject());
        assertTrue(mail.text().orElseThrow().contains("Sent by Herald (sink secops-mail, delivery key-1)"));
        assertTrue(mail.html().orElseThrow().startsWith("<!DOCTYPE html><html>"));
        assertTrue(mail.html().get().endsWith("</body></html>"));
        assertFalse(mail.html().get().contains("<script>"), "no markup from the record in html");
        return mail;
    }

    private static String hostile(String json) {
        return json.replace("HOSTILE", JSON.getNodeFactory().textNode(HOSTILE).toString().replaceAll("^\"|\"$", ""));
    }

    @Test
    void pceAuditEvent() throws Exception {
        MailBody mail = render("pce", "user.login_failed", hostile("{\"href\":\"/orgs/7/events/1d84\","
                + "\"timestamp\":\"2026-11-03T08:41:05.117Z\",\"pce_fqdn\":\"pce.corp.example.com\","
                + "\"created_by\":{\"user\":{\"username\":\"HOSTILE\"}},\"event_type\":\"user.login_failed\","
                + "\"status\":\"failure\",\"severity\":\"warning\",\"action\":{\"api_endpoint\":\"/login/users/sign_in\","
                + "\"api_method\":\"POST\",\"src_ip\":\"203.0.113.77\"}}"));

        assertEquals("[Herald HIGH] PCE user.login_failed by " + HOSTILE.replace("\n", " ") + " (failure)",
                mail.subject());
        String text = mail.text().orElseThrow();
        assertTrue(text.contains("By:        " + HOSTILE + "\n"), text);
        assertTrue(text.contains("Source IP: 203.0.113.77\nAPI:       POST /login/users/sign_in\n"), text);
        assertTrue(mail.html().orElseThrow().contains("<td>" + HOSTILE_HTML + "</td>"), mail.html().get());
    }

    @Test
    void cloudTrailRecordWithAnError() throws Exception {
        MailBody mail = render("cloudtrail", "CreateUser", hostile("{\"eventVersion\":\"1.09\","
                + "\"userIdentity\":{\"type\":\"IAMUser\",\"arn\":\"arn:aws:iam::123456789012:user/HOSTILE\"},"
                + "\"eventTime\":\"2026-11-22T09:58:31Z\",\"eventSource\":\"iam.amazonaws.com\",\"eventName\":\"CreateUser\","
                + "\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"198.51.100.7\",\"errorCode\":\"AccessDenied\","
                + "\"errorMessage\":\"HOSTILE\",\"recipientAccountId\":\"123456789012\",\"eventID\":\"c1d2\"}"));

        assertEquals("[Herald HIGH] CloudTrail CreateUser failed (AccessDenied) in 123456789012", mail.subject());
        String text = mail.text().orElseThrow();
        assertTrue(text.contains("Error:     AccessDenied: " + HOSTILE + "\n"), text);
        assertTrue(text.contains("By:        arn:aws:iam::123456789012:user/" + HOSTILE + "\n"), text);
        assertTrue(mail.html().orElseThrow().contains("<td>AccessDenied: " + HOSTILE_HTML + "</td>"), mail.html().get());
    }

    @Test
    void securityHubFinding() throws Exception {
        MailBody mail = render("securityhub", "EC2.19", hostile("{\"SchemaVersion\":\"2018-10-08\","
                + "\"Id\":\"arn:aws:securityhub:eu-west-1:123456789012:security-control/EC2.19/finding/6d1f\","
                + "\"ProductName\":\"Security Hub\",\"AwsAccountId\":\"123456789012\",\"Region\":\"eu-west-1\","
                + "\"Title\":\"Security groups should not allow unrestricted access\","
                + "\"Description\":\"HOSTILE\",\"Severity\":{\"Label\":\"HIGH\"},"
                + "\"Remediation\":{\"Recommendation\":{\"Text\":\"Restrict port 22\"}},"
                + "\"Resources\":[{\"Type\":\"AwsEc2SecurityGroup\",\"Id\":\"arn:aws:ec2:eu-west-1:123456789012:security-group/sg-0a1b\"}],"
                + "\"Compliance\":{\"Status\":\"FAILED\"},\"Workflow\":{\"Status\":\"NEW\"}}"));

        assertEquals("[Herald HIGH] Security Hub: Security groups should not allow unrestricted access"
                + " (123456789012)", mail.subject());
        String text = mail.text().orElseThrow();
        assertTrue(text.contains("\n\n" + HOSTILE + "\n\n"), text);
        assertTrue(text.contains("Compliance:       FAILED\nResource:         arn:aws:ec2:eu-west-1:123456789012:"
                + "security-group/sg-0a1b\n"), text);
        assertTrue(text.contains("Remediation: Restrict port 22"), text);
        assertTrue(mail.html().orElseThrow().contains(">" + HOSTILE_HTML + "</p>"), mail.html().get());
    }

    @Test
    void anyOtherRecordWithHostileIdentifiers() throws Exception {
        ObjectNode detail = JSON.createObjectNode().put("note", HOSTILE);
        Event event = Event.builder().id(HOSTILE).source("json").instance("inbox").type(HOSTILE)
                .time(Instant.parse("2026-11-22T10:00:00Z")).severity(Severity.LOW).detail(detail)
                .raw(detail.toString()).build();
        String body = SinkTemplates.of(MailSink.class).withUserTemplates(userTemplates)
                .withDelivery("r", "secops-mail", "k").render(event, Severity.LOW);

        MailBody mail = MailBody.parse(body);
        assertEquals(Optional.of(true), mail.text().map(t -> t.contains("Event ID: " + HOSTILE + "\n")));
        assertTrue(mail.html().orElseThrow().contains("<td>" + HOSTILE_HTML + "</td>"), mail.html().get());
        assertFalse(mail.html().get().contains("<script>"));
        assertFalse(mail.subject().contains("\n"));
    }
}
