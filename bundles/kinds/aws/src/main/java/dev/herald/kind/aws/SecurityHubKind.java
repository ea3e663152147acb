package dev.herald.kind.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.api.Event;
import dev.herald.api.record.Fields;
import dev.herald.api.record.RawSlices;
import dev.herald.api.record.RecordException;
import dev.herald.api.record.RecordKind;
import dev.herald.api.record.RecordSummary;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/**
 * Security Hub findings: an EventBridge event from Security Hub ({@code Security Hub Findings -
 * Imported} and {@code - Custom Action} carry ASFF findings in {@code detail.findings}, {@code
 * Findings Imported V2} carries OCSF findings there), one event per finding whose detail and raw
 * text are the finding's own; or a single ASFF finding ({@code SchemaVersion}, {@code Id}, {@code
 * ProductArn}). One bad finding makes the whole envelope bad input, so that it is quarantined as
 * received. Ranked first: an exact {@code detail-type} is the most particular of all kinds.
 */
@Component(property = {RecordKind.NAME + "=" + SecurityHubKind.NAME, "service.ranking:Integer=500"})
public final class SecurityHubKind implements RecordKind {
    static final String NAME = "securityhub";
    private static final Set<String> MEMBERS_READ = Set.of("detail-type", "detail", "SchemaVersion", "Id",
            "ProductArn", "CreatedAt", "UpdatedAt", "Types", "Severity");
    static final String ASFF_IMPORTED = "Security Hub Findings - Imported";
    static final String ASFF_CUSTOM_ACTION = "Security Hub Findings - Custom Action";
    static final String OCSF_IMPORTED = "Findings Imported V2";

    @Override
    public String name() {
        return NAME;
    }

    /**
     * {@inheritDoc} An EventBridge event's type and detail (read whole), and what a finding on its own is
     * read from ({@link AsffFindings}).
     */
    @Override
    public Set<String> membersRead() {
        return MEMBERS_READ;
    }

    @Override
    public boolean accepts(JsonNode record) {
        return isEnvelope(record) || AsffFindings.accepts(record);
    }

    private static boolean isEnvelope(JsonNode record) {
        String detailType = Fields.text(record, "detail-type");
        return (ASFF_IMPORTED.equals(detailType) || ASFF_CUSTOM_ACTION.equals(detailType)
                || OCSF_IMPORTED.equals(detailType)) && record.has("detail");
    }

    @Override
    public List<Event> events(JsonNode record, String raw, String instance, String fallbackId)
            throws RecordException {
        if (!isEnvelope(record)) {
            return List.of(AsffFindings.event(record, raw, instance));
        }
        String detailType = Fields.text(record, "detail-type");
        boolean ocsf = OCSF_IMPORTED.equals(detailType);
        JsonNode detail = record.get("detail");
        JsonNode findings = detail.path("findings");
        if (ocsf && findings.isMissingNode() && detail.has("finding_info")) {
            String text = RawSlices.value(raw, "detail");
            return List.of(OcsfFindings.event(detail, text == null ? detail.toString() : text, instance));
        }
        if (!findings.isArray() || findings.isEmpty()) {
            throw new RecordException("EventBridge event '" + detailType + "' has no findings in detail.findings");
        }
        List<String> texts = RawSlices.arrayElements(raw, "detail", "findings");
        List<Event> events = new ArrayList<>(findings.size());
        for (int i = 0; i < findings.size(); i++) {
            JsonNode finding = findings.get(i);
            String text = texts != null && texts.size() == findings.size() ? texts.get(i) : finding.toString();
            try {
                events.add(ocsf ? OcsfFindings.event(finding, text, instance) : AsffFindings.event(finding, text, instance));
            } catch (RecordException e) {
                if (findings.size() == 1) {
                    throw e;
                }
                throw new RecordException("finding " + (i + 1) + " of " + findings.size() + ": " + e.getMessage(), e);
            }
        }
        return events;
    }

    /**
     * The finding's title; the actor the product that found it; the target its first resource; the
     * account and region it is in; the outcome its compliance status, else its workflow status; the
     * link the finding in the Security Hub console (ASFF), or the finding's own {@code src_url} (OCSF).
     */
    @Override
    public RecordSummary summary(Event event) {
        JsonNode d = event.detail();
        if (d.has("finding_info")) {
            JsonNode info = d.path("finding_info");
            JsonNode resource = d.path("resources").path(0);
            return new RecordSummary(Fields.firstOf(Fields.text(info, "title"), event.type()),
                    Fields.text(d.path("metadata").path("product"), "name"),
                    Fields.text(resource, "uid"),
                    Fields.text(d.path("cloud").path("account"), "uid"),
                    Fields.firstOf(Fields.text(d.path("cloud"), "region"), Fields.text(resource, "region")),
                    Fields.firstOf(Fields.text(d.path("compliance"), "status"), Fields.text(d, "status")),
                    Fields.text(info, "src_url"));
        }
        JsonNode resource = d.path("Resources").path(0);
        String region = Fields.firstOf(Fields.text(d, "Region"), Fields.text(resource, "Region"));
        String id = Fields.text(d, "Id");
        return new RecordSummary(Fields.firstOf(Fields.text(d, "Title"), event.type()),
                Fields.firstOf(Fields.text(d, "ProductName"), Fields.text(d, "GeneratorId")),
                Fields.text(resource, "Id"),
                Fields.text(d, "AwsAccountId"),
                region,
                Fields.firstOf(Fields.text(d.path("Compliance"), "Status"), Fields.text(d.path("Workflow"), "Status"),
                        Fields.text(d, "RecordState")),
                region == null || id == null ? null : consoleLink(region, id));
    }

    /** The console's findings page searched for this id ({@code Id EQUALS <id>}, as the console writes its filter). */
    private static String consoleLink(String region, String id) {
        String filter = URLEncoder.encode("Id=\\operator\\:EQUALS\\:" + id, StandardCharsets.UTF_8);
        return "https://" + region + ".console.aws.amazon.com/securityhub/home?region=" + region
                + "#/findings?search=" + filter;
    }
}
