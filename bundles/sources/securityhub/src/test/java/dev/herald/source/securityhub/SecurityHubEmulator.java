package dev.herald.source.securityhub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.aws.testing.NextTokenPages;
import dev.herald.testkit.http.StubHttpServer;
import dev.herald.testkit.http.StubHttpServer.Recorded;
import dev.herald.testkit.http.StubHttpServer.Reply;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Security Hub's GetFindings as REST-JSON ({@code POST /findings}): findings whose update time is
 * in Filters.UpdatedAt [Start, End] and that match every EQUALS string filter (SeverityLabel,
 * ProductName, RecordState, WorkflowStatus, ComplianceStatus), sorted by UpdatedAt ascending,
 * pages of MaxResults with NextToken; errors with {@code x-amzn-ErrorType} and {@code
 * {"Message"}}. A finding's update time is kept apart from its UpdatedAt text, so that a finding
 * with a malformed UpdatedAt can still be served.
 */
final class SecurityHubEmulator implements AutoCloseable {
    static final String ACCOUNT = "123456789012";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> FIELDS = Map.of("SeverityLabel", "/Severity/Label",
            "ProductName", "/ProductName", "RecordState", "/RecordState", "WorkflowStatus", "/Workflow/Status",
            "ComplianceStatus", "/Compliance/Status");

    /** One GetFindings request as received. */
    record Request(String method, String path, JsonNode body) {
    }

    private record Stored(Instant updated, ObjectNode finding) {
    }

    private final StubHttpServer server = StubHttpServer.http();
    private final List<Stored> findings = new ArrayList<>();
    private final List<Request> requests = new ArrayList<>();
    private String[] error;

    SecurityHubEmulator() {
        server.respond(this::answer);
    }

    String url() {
        return server.uri("").toString();
    }

    /** A GuardDuty-like ASFF finding, ACTIVE and NEW, updated at {@code updated}. */
    static ObjectNode finding(String id, Instant updated, String label) {
        ObjectNode f = JSON.createObjectNode()
                .put("SchemaVersion", "2018-10-08").put("Id", id)
                .put("ProductArn", "arn:aws:securityhub:eu-west-1::product/aws/guardduty")
                .put("ProductName", "GuardDuty").put("CompanyName", "Amazon").put("Region", "eu-west-1")
                .put("GeneratorId", "arn:aws:guardduty:eu-west-1:" + ACCOUNT + ":detector/7ec9a5d3")
                .put("AwsAccountId", ACCOUNT)
                .put("CreatedAt", updated.minusSeconds(3600).toString()).put("UpdatedAt", updated.toString())
                .put("Title", "EC2 instance i-0abc is communicating with a known command and control server")
                .put("Description", "The EC2 instance is querying a domain name associated with a C&C server.")
                .put("RecordState", "ACTIVE");
        f.putArray("Types").add("TTPs/Command and Control/Backdoor:EC2-C&CActivity.B!DNS");
        f.putObject("Severity").put("Label", label).put("Original", "8");
        f.putObject("Workflow").put("Status", "NEW");
        f.putObject("Compliance").put("Status", "FAILED");
        f.putArray("Resources").addObject().put("Type", "AwsEc2Instance")
                .put("Id", "arn:aws:ec2:eu-west-1:" + ACCOUNT + ":instance/i-0abc").put("Region", "eu-west-1");
        return f;
    }

    /** Stores a new finding with a fresh Id and returns it. */
    synchronized ObjectNode add(Instant updated, String label) {
        ObjectNode f = finding("arn:aws:guardduty:eu-west-1:" + ACCOUNT + ":detector/7ec9a5d3/finding/"
                + UUID.randomUUID(), updated, label);
        findings.add(new Stored(updated, f));
        return f;
    }

    /** Stores {@code finding} as updated at {@code updated}, whatever its UpdatedAt says. */
    synchronized void put(Instant updated, ObjectNode finding) {
        findings.add(new Stored(updated, finding));
    }

    /** Every request answers HTTP {@code status} with this error until {@link #heal}. */
    synchronized void fail(int status, String type, String message) {
        error = new String[] {Integer.toString(status), type, message};
    }

    synchronized void heal() {
        error = null;
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    private Reply answer(Recorded http) {
        JsonNode body = http.bodyJson();
        synchronized (this) {
            requests.add(new Request(http.method(), http.uri().getPath(), body));
            if (error != null) {
                return Reply.status(Integer.parseInt(error[0]), JSON.createObjectNode().put("Message", error[2])
                        .toString(), "Content-Type", "application/json").withHeader("x-amzn-ErrorType", error[1]);
            }
            if (!http.method().equals("POST") || !http.uri().getPath().equals("/findings")) {
                return Reply.status(404, "{\"Message\":\"no such operation\"}", "Content-Type", "application/json")
                        .withHeader("x-amzn-ErrorType", "UnknownOperationException");
            }
            JsonNode filters = body.path("Filters");
            JsonNode window = filters.path("UpdatedAt").path(0);
            Instant start = Instant.parse(window.path("Start").asText());
            Instant end = Instant.parse(window.path("End").asText());
            List<Stored> matching = findings.stream()
                    .filter(s -> !s.updated().isBefore(start) && !s.updated().isAfter(end))
                    .filter(s -> matches(s.finding(), filters))
                    .sorted(Comparator.comparing(Stored::updated))
                    .toList();
            ObjectNode answer = NextTokenPages.page(body, 100, "Findings", matching, Stored::finding);
            return Reply.status(200, answer.toString(), "Content-Type", "application/json");
        }
    }

    private static boolean matches(ObjectNode finding, JsonNode filters) {
        for (Map.Entry<String, String> field : FIELDS.entrySet()) {
            JsonNode filter = filters.path(field.getKey());
            if (filter.isArray() && !filter.isEmpty()) {
                Set<String> values = new HashSet<>();
                filter.forEach(f -> values.add(f.path("Value").asText()));
                if (!values.contains(finding.at(field.getValue()).asText())) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public void close() {
        server.close();
    }
}
