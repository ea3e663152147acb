package dev.herald.sink.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.api.Event;
import dev.herald.api.Severity;
import dev.herald.testkit.sink.SinkTemplates;
import dev.herald.testkit.sink.TemplateRenderingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Realistic records of each kind (values from the demo inbox) and the bodies Herald's real
 * template engine renders for them from this bundle's templates.
 */
final class Cards {
    static final ObjectMapper JSON = new ObjectMapper();

    static final String PCE = """
            {"href":"/orgs/7/events/1d84e3a2-7c59-4b10-8f2e-93a6b0c4d527","timestamp":"2026-11-03T08:41:05.117Z",\
            "pce_fqdn":"pce.corp.example.com","created_by":{"user":{"href":"/users/14",\
            "username":"maria.lopez@corp.example.com"}},"event_type":"rule_set.update","status":"success",\
            "severity":"info","version":2,"action":{"api_endpoint":"/api/v2/orgs/7/sec_policy/draft/rule_sets/12",\
            "api_method":"PUT","http_status_code":204,"src_ip":"198.51.100.24"},"resource_changes":[]}""";

    static final String CLOUDTRAIL = """
            {"eventVersion":"1.10","userIdentity":{"type":"IAMUser","principalId":"AIDA5EXAMPLEBOB000002",\
            "arn":"arn:aws:iam::123456789012:user/bob","accountId":"123456789012","userName":"bob"},\
            "eventTime":"2026-11-22T10:03:47Z","eventSource":"iam.amazonaws.com","eventName":"CreateAccessKey",\
            "awsRegion":"us-east-1","sourceIPAddress":"203.0.113.77","errorCode":"AccessDenied",\
            "errorMessage":"User: arn:aws:iam::123456789012:user/bob is not authorized to perform: iam:CreateAccessKey",\
            "eventID":"4dae2063-8b5c-4e19-af7d-2c3e6a9b1f52","readOnly":false,"eventType":"AwsApiCall",\
            "recipientAccountId":"123456789012"}""";

    static final String FINDING = """
            {"SchemaVersion":"2018-10-08","Id":"arn:aws:securityhub:eu-west-1:123456789012:security-control/EC2.19/\
            finding/6d1f0a52-3b8e-4c7d-9a16-f24e8b07c3d1","ProductName":"Security Hub","Region":"eu-west-1",\
            "AwsAccountId":"123456789012","Severity":{"Label":"CRITICAL","Original":"CRITICAL"},\
            "Title":"Security groups should not allow unrestricted access to ports with high risk",\
            "Description":"This control checks whether unrestricted incoming traffic for an Amazon EC2 security\
             group is accessible to the specified ports that are considered to be high risk.",\
            "Remediation":{"Recommendation":{"Text":"See the documentation.",\
            "Url":"https://docs.aws.amazon.com/console/securityhub/EC2.19/remediation"}},\
            "Resources":[{"Type":"AwsEc2SecurityGroup","Id":"arn:aws:ec2:eu-west-1:123456789012:security-group/\
            sg-0a7d3c9e51b2f4e68","Region":"eu-west-1"}],"Compliance":{"Status":"FAILED",\
            "SecurityControlId":"EC2.19"},"Workflow":{"Status":"NEW"}}""";

    /** Quotes, backslashes, line breaks, control characters, HTML and Slack/Markdown markup. */
    static final String HOSTILE = "evil \"quoted\" \\ back\nline2\r\t<script>alert(1)</script> <!here> "
            + "[click](https://evil.example) \u0000\u0007\u001b[31m \u2028 é";

    private Cards() {
    }

    static Event event(String source, String type, Severity severity, String raw) {
        try {
            return Event.builder().id("ev-" + source + "-1").source(source).instance(source + "-main").type(type)
                    .time(Instant.parse("2026-11-22T10:05:00Z")).severity(severity).detail(JSON.readTree(raw))
                    .raw(raw).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Event pce() {
        return event("pce", "rule_set.update", Severity.MEDIUM, PCE);
    }

    static Event cloudtrail() {
        return event("cloudtrail", "CreateAccessKey", Severity.HIGH, CLOUDTRAIL);
    }

    static Event finding() {
        return event("securityhub", "Security groups should not allow unrestricted access", Severity.CRITICAL,
                FINDING);
    }

    /** The body core renders for {@code event}, with {@code templates} as etc/herald/templates. */
    static String render(Event event, Severity severity, Path templates) throws TemplateRenderingException {
        return SinkTemplates.of(TeamsSink.class).withUserTemplates(templates)
                .withDelivery("iam-alerts", "soc-teams", "key-1").render(event, severity);
    }

    /** The body core renders for a sink whose configuration says {@code format = <format>}, nothing copied to etc/. */
    static JsonNode renderJson(Event event, String format, Path templates) throws Exception {
        return JSON.readTree(SinkTemplates.of(TeamsSink.class).withUserTemplates(templates).withFormat(format)
                .withDelivery("iam-alerts", "soc-teams", "key-1").render(event, Severity.HIGH));
    }

    static JsonNode renderJson(Event event, Severity severity, Path templates) throws Exception {
        return JSON.readTree(render(event, severity, templates));
    }
}
