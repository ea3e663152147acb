package dev.herald.sink.syslog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.api.Event;
import dev.herald.api.Severity;
import dev.herald.testkit.sink.SampleEvents;
import dev.herald.testkit.sink.SinkTemplates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The templates of each format rendered by Herald's own engine as the dispatcher renders them
 * for this sink ({@code herald.template.escape=none}, template set = the format), on demo
 * records and on hostile values that must come out escaped.
 */
class TemplatesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path userTemplates;

    private String render(String format, String source, String type, Severity severity, String raw) throws Exception {
        Event event = Event.builder().id("id-1").source(source).instance("prod").type(type)
                .time(Instant.parse("2026-11-22T10:00:00Z")).severity(severity)
                .detail(JSON.readTree(raw)).raw(raw).build();
        return SinkTemplates.of(SyslogSink.class).withUserTemplates(userTemplates).withFilters(new SiemFilters()).withFormat(format)
                .withDelivery("r1", "siem", "k").render(event, severity);
    }

    private static final Path INBOX = Path.of("../../../karaf-assembly/src/main/resources/assembly/demo/inbox");

    private static String line(String file, int index) throws Exception {
        return Files.readAllLines(INBOX.resolve(file)).get(index);
    }

    /** The demo CloudTrail record of bob's failed console sign-in. */
    private static String cloudTrailRecord() throws Exception {
        return JSON.readTree(INBOX.resolve("cloudtrail-123456789012.json").toFile()).path("Records").get(1).toString();
    }

    private static String securityHubFinding() throws Exception {
        return JSON.readTree(INBOX.resolve("securityhub-findings.json").toFile())
                .path("detail").path("findings").get(0).toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"pce", "illumio-flow", "cloudtrail", "securityhub", "json"})
    void jsonIsTheOriginalRecordUntouched(String source) throws Exception {
        String raw = "{\"a\" : \"x|y=z\\\\ \\n <b>\",\n  \"n\": 1}";
        assertEquals(raw, render("json", source, "t", Severity.HIGH, raw));
    }

    @Test
    void cefOnTheDemoRecords() throws Exception {
        assertEquals("CEF:0|Illumio|PCE|2|user.login_failed|user.login_failed failure|5|externalId=id-1 suser=system"
                + " src=203.0.113.77 outcome=failure requestMethod=POST request=/login/users/sign_in"
                + " dvchost=pce.corp.example.com cs1Label=route cs1=r1 cs2Label=pceSeverity cs2=warning",
                render("cef", "pce", "user.login_failed", Severity.MEDIUM, line("pce-audit-events.jsonl", 1)));
        assertEquals("CEF:0|Illumio|Flow|4|flow-allowed|Flow allowed|3|src=10.20.1.11 dst=10.20.4.33 dpt=5432 proto=6"
                + " act=allowed cnt=148 shost=web-prod-01.corp.example.com dhost=db-prod-03.corp.example.com"
                + " dvchost=pce.corp.example.com externalId=id-1 cs1Label=route cs1=r1",
                render("cef", "illumio-flow", "flow", Severity.LOW, line("illumio-flows.jsonl", 0)));
        assertEquals("CEF:0|AWS|CloudTrail|1.10|signin.amazonaws.com:ConsoleLogin|ConsoleLogin|8|externalId=id-1"
                + " suser=bob src=203.0.113.77 outcome=failure reason=Failed authentication"
                + " requestClientApplication=Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0"
                + " cs1Label=route cs1=r1 cs2Label=awsRegion cs2=us-east-1 cs3Label=accountId cs3=123456789012"
                + " cs4Label=eventSource cs4=signin.amazonaws.com",
                render("cef", "cloudtrail", "ConsoleLogin", Severity.HIGH, cloudTrailRecord()));
        String finding = render("cef", "securityhub", "finding", Severity.CRITICAL, securityHubFinding());
        assertTrue(finding.startsWith("CEF:0|AWS|Security Hub|1|security-control/EC2.19|Security groups should not"
                + " allow unrestricted access to ports with high risk|10|externalId=id-1 cs1Label=route cs1=r1"
                + " cs2Label=resource cs2=arn:aws:ec2:eu-west-1:123456789012:security-group/sg-0a7d3c9e51b2f4e68"
                + " cs3Label=accountId cs3=123456789012 cs4Label=compliance cs4=FAILED msg=This control checks"), finding);
        assertEquals("CEF:0|Herald|json|1|Thing|Thing|1|externalId=id-1 cat=json cs1Label=route cs1=r1 cs2Label=instance"
                + " cs2=prod", render("cef", "json", "Thing", Severity.INFO, "{}"));
    }

    @Test
    void cefEscapesHostileValuesPerTheSpecification() throws Exception {
        String raw = "{\"href\":\"/orgs/7/events/1\",\"event_type\":\"user.login_failed\",\"status\":\"fail|ure\","
                + "\"severity\":\"warning\",\"version\":2,\"pce_fqdn\":\"pce.corp.example.com\","
                + "\"created_by\":{\"user\":{\"username\":\"ev\\\\il=x\\nCEF:0|forged\"}},"
                + "\"action\":{\"api_endpoint\":\"/login/users/sign_in\",\"api_method\":\"POST\",\"src_ip\":\"203.0.113.77\"}}";
        assertEquals("CEF:0|Illumio|PCE|2|user.login_failed|user.login_failed fail\\|ure|8|externalId=id-1"
                + " suser=ev\\\\il\\=x\\nCEF:0|forged src=203.0.113.77 outcome=fail|ure requestMethod=POST"
                + " request=/login/users/sign_in dvchost=pce.corp.example.com cs1Label=route cs1=r1"
                + " cs2Label=pceSeverity cs2=warning", render("cef", "pce", "user.login_failed", Severity.HIGH, raw));
        String title = "{\"Title\":\"a|b\\\\c=d\\ne\",\"GeneratorId\":\"gen|1\"}";
        assertEquals("CEF:0|AWS|Security Hub|1|gen\\|1|a\\|b\\\\c=d e|5|externalId=id-1 cs1Label=route cs1=r1"
                + " cs2Label=resource cs2= cs3Label=accountId cs3= cs4Label=compliance cs4= msg=",
                render("cef", "securityhub", "t", Severity.MEDIUM, title), "a line break in a header field is a space");
    }

    @Test
    void leefOnADemoRecordAndWithHostileValues() throws Exception {
        assertEquals("LEEF:2.0|AWS|CloudTrail|1.10|ConsoleLogin|x09|cat=cloudtrail\tsev=8\tusrName=bob"
                + "\tsrc=203.0.113.77\toutcome=failure\treason=Failed authentication\tawsRegion=us-east-1"
                + "\taccountName=123456789012\teventSource=signin.amazonaws.com\texternalId=id-1\troute=r1",
                render("leef", "cloudtrail", "ConsoleLogin", Severity.HIGH, cloudTrailRecord()));
        String flow = "{\"src_ip\":\"10.0.0.5\\tsev=1\",\"dst_ip\":\"10.0.1.7\",\"dst_port\":22,\"proto\":6,\"pd\":2,"
                + "\"src_hostname\":\"a\\nb|c\",\"version\":\"4|x\"}";
        assertEquals("LEEF:2.0|Illumio|Flow|4\\|x|flow-blocked|x09|cat=illumio-flow\tsev=10\tsrc=10.0.0.5 sev=1"
                + "\tdst=10.0.1.7\tdstPort=22\tproto=6\taction=blocked\tcount=1\tsrcHostName=a b|c\tdstHostName="
                + "\texternalId=id-1\troute=r1", render("leef", "illumio-flow", "flow", Severity.CRITICAL, flow));
        assertEquals("LEEF:2.0|Illumio|PCE|2|user.login_failed|x09|cat=pce\tsev=5\tusrName=system\tsrc=203.0.113.77"
                + "\toutcome=failure\turl=/login/users/sign_in\tidentHostName=pce.corp.example.com\texternalId=id-1"
                + "\troute=r1", render("leef", "pce", "user.login_failed", Severity.MEDIUM, line("pce-audit-events.jsonl", 1)));
    }

    @Test
    void logRhythmOnADemoRecordAndWithHostileValues() throws Exception {
        String flow = line("illumio-flows.jsonl", 0);
        assertEquals("vendor=Illumio|product=Flow|event_type=flow|severity=low|action=allowed|sip=10.20.1.11"
                + "|dip=10.20.4.33|dport=5432|protnum=6|quantity=148|shost=web-prod-01.corp.example.com"
                + "|dhost=db-prod-03.corp.example.com|id=id-1|route=r1|original_message=" + flow,
                render("logrhythm", "illumio-flow", "flow", Severity.LOW, flow));
        String finding = "{\"Title\":\"x|severity=low\\nforged=1\",\"Resources\":[{\"Id\":\"r|1\"}]}";
        assertEquals("vendor=AWS|product=Security Hub|event_type=t|severity=high|subject=x_severity=low_forged=1"
                + "|object=r_1|account=|status=|id=id-1|route=r1|original_message=" + finding,
                render("logrhythm", "securityhub", "t", Severity.HIGH, finding));
        assertEquals("vendor=Herald|product=json|event_type=Thing|severity=info|id=id-1|instance=prod|route=r1"
                + "|original_message={\"a\":1}", render("logrhythm", "json", "Thing", Severity.INFO, "{\"a\":1}"));
        assertTrue(render("logrhythm", "cloudtrail", "ConsoleLogin", Severity.HIGH, cloudTrailRecord())
                .startsWith("vendor=AWS|product=CloudTrail|event_type=ConsoleLogin|severity=high|status=failure"
                        + "|login=bob|sip=203.0.113.77|account=123456789012|region=us-east-1"
                        + "|reason=Failed authentication|id=id-1|route=r1|original_message={\"eventVersion\""));
        assertTrue(render("logrhythm", "pce", "user.login_failed", Severity.MEDIUM, line("pce-audit-events.jsonl", 1))
                .startsWith("vendor=Illumio|product=PCE|event_type=user.login_failed|severity=medium|status=failure"
                        + "|login=system|sip=203.0.113.77|url=/login/users/sign_in|host=pce.corp.example.com|id=id-1"
                        + "|route=r1|original_message={\"href\""));
    }

    /** Every line break there is, and every character that delimits something in one of the formats. */
    private static final String HOSTILE = "a\rb\nc\r\nd|e=f\\g\th x=y";

    /** A record of the given source holding {@link #HOSTILE} in every field a template of that source reads. */
    private static String hostileRecord() throws Exception {
        Map<String, Object> d = new LinkedHashMap<>();
        for (String key : List.of("AwsAccountId", "Description", "GeneratorId", "Title", "awsRegion", "count",
                "dst_hostname", "dst_ip", "dst_port", "errorCode", "errorMessage", "eventName", "eventSource",
                "eventVersion", "event_type", "pce_fqdn", "proto", "severity", "sourceIPAddress", "src_hostname",
                "src_ip", "status", "userAgent", "version")) {
            d.put(key, HOSTILE);
        }
        d.put("Compliance", Map.of("Status", HOSTILE));
        d.put("Resources", List.of(Map.of("Id", HOSTILE)));
        d.put("action", Map.of("api_endpoint", HOSTILE, "api_method", HOSTILE, "src_ip", HOSTILE));
        d.put("created_by", Map.of("user", Map.of("username", HOSTILE)));
        d.put("userIdentity", Map.of("arn", HOSTILE, "accountId", HOSTILE));
        return JSON.writeValueAsString(d);
    }

    static Stream<Arguments> formatsAndSources() {
        List<Arguments> all = new ArrayList<>();
        for (String format : List.of("cef", "leef", "logrhythm")) {
            for (String source : List.of("pce", "illumio-flow", "cloudtrail", "securityhub", "json")) {
                all.add(Arguments.of(format, source));
            }
        }
        return all.stream();
    }

    /**
     * A value holding CR, LF, CRLF, the format's delimiters and backslashes stays one field of one
     * line in every template: no CR or LF reaches the message, and a strict reader of the format
     * finds exactly the fields the template writes, each value read back as it was sent (CEF) or
     * with its delimiters and line breaks replaced (LEEF, LogRhythm, which have no escapes).
     */
    @ParameterizedTest
    @MethodSource("formatsAndSources")
    void hostileValuesStayInsideTheirFieldOnOneLine(String format, String source) throws Exception {
        String raw = hostileRecord();
        String out = render(format, source, HOSTILE, Severity.HIGH, raw);
        assertFalse(out.contains("\r") || out.contains("\n"), "a raw line break in " + out);
        String clean = render(format, source, "t", Severity.HIGH, "{}");
        switch (format) {
            case "cef" -> {
                List<String> header = unescapedSplit(out, '|', 8);
                assertEquals(8, header.size(), out);
                for (String field : header.subList(1, 7)) {
                    assertFalse(field.contains("\r") || field.contains("\n"), field);
                }
                Map<String, String> ext = cefExtension(header.get(7));
                assertEquals(cefExtension(unescapedSplit(clean, '|', 8).get(7)).keySet(), ext.keySet(), out);
                assertEquals("id-1", ext.get("externalId"));
                assertTrue(source.equals("json") || ext.containsValue(HOSTILE), "a value read back whole: " + ext);
            }
            case "leef" -> {
                List<String> header = unescapedSplit(out, '|', 6);
                assertEquals(6, header.size(), out);
                assertEquals("x09", header.get(5).substring(0, 3));
                String[] attributes = out.substring(out.indexOf("|x09|") + 5).split("\t", -1);
                String[] expected = clean.substring(clean.indexOf("|x09|") + 5).split("\t", -1);
                assertEquals(expected.length, attributes.length, out);
                for (int i = 0; i < attributes.length; i++) {
                    assertEquals(expected[i].substring(0, expected[i].indexOf('=')),
                            attributes[i].substring(0, attributes[i].indexOf('=')), out);
                }
            }
            default -> {
                String pairs = out.substring(0, out.indexOf("|original_message="));
                String expected = clean.substring(0, clean.indexOf("|original_message="));
                assertEquals(expected.split("\\|").length, pairs.split("\\|").length, out);
                assertTrue(out.endsWith("|original_message=" + raw));
            }
        }
    }

    /** {@code s} split at each {@code delimiter} not escaped by a backslash, into at most {@code limit} parts. */
    private static List<String> unescapedSplit(String s, char delimiter, int limit) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                part.append(c).append(s.charAt(++i));
            } else if (c == delimiter && parts.size() < limit - 1) {
                parts.add(part.toString());
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        parts.add(part.toString());
        return parts;
    }

    /**
     * CEF extension pairs as a strict reader takes them: a key is a word after a space (or at the
     * start) before an unescaped {@code =}; its value runs to the space before the next key, with
     * the escapes undone.
     */
    private static Map<String, String> cefExtension(String extension) {
        Map<String, String> pairs = new LinkedHashMap<>();
        java.util.regex.Matcher key = java.util.regex.Pattern.compile("(?:^| )([A-Za-z0-9_]+)=").matcher(extension);
        List<java.util.regex.MatchResult> keys = key.results().toList();
        for (int i = 0; i < keys.size(); i++) {
            int end = i + 1 < keys.size() ? keys.get(i + 1).start() : extension.length();
            pairs.put(keys.get(i).group(1), cefUnescaped(extension.substring(keys.get(i).end(), end)));
        }
        return pairs;
    }

    private static String cefUnescaped(String value) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                char next = value.charAt(++i);
                out.append(next == 'r' ? '\r' : next == 'n' ? '\n' : next);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    @Test
    void rendersADigestWithItsCountAndExamplesInEveryFormat() throws Exception {
        for (String format : List.of("cef", "leef", "logrhythm", "json")) {
            SinkTemplates.of(SyslogSink.class).withFilters(new SiemFilters()).withFormat(format).assertRendersDigest();
        }
        Event first = SampleEvents.hostile(SampleEvents.CLOUDTRAIL);
        String json = SinkTemplates.of(SyslogSink.class).withFilters(new SiemFilters()).withFormat("json")
                .renderDigest("type=" + SampleEvents.HOSTILE, List.of(first, SampleEvents.hostile(SampleEvents.PCE)),
                        Severity.HIGH);
        JsonNode digest = JSON.readTree(json);
        assertEquals(2, digest.path("herald_digest").path("count").asInt());
        assertEquals("type=" + SampleEvents.HOSTILE, digest.path("herald_digest").path("group").asText());
        assertEquals(first.detail(), digest.path("events").get(0).path("record"), "the json format keeps each record as JSON");
        assertEquals(first.id(), digest.path("events").get(0).path("id").asText());
        assertEquals(1, json.lines().count(), "one syslog message: " + json);
    }
}
