package dev.herald.kind.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.api.Event;
import dev.herald.api.record.Fields;
import dev.herald.api.record.RecordException;
import dev.herald.api.record.RecordKind;
import dev.herald.api.record.RecordSummary;
import dev.herald.api.record.Timestamps;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/**
 * CloudTrail records ({@code eventID}, {@code eventName}, {@code eventSource}): id {@code eventID},
 * type {@code eventName}, time {@code eventTime}, severity by {@link CloudTrailSeverity}. Ranked
 * below PCE audit events and Security Hub findings, whose identifying fields are more particular.
 */
@Component(property = {RecordKind.NAME + "=" + CloudTrailKind.NAME, "service.ranking:Integer=300"})
public final class CloudTrailKind implements RecordKind {
    static final String NAME = "cloudtrail";
    private static final Set<String> MEMBERS_READ = Set.of("eventID", "eventName", "eventSource", "eventTime",
            "readOnly", "errorCode", "responseElements.ConsoleLogin", "userIdentity.type");
    private static final String WHAT = "CloudTrail record";

    @Override
    public String name() {
        return NAME;
    }

    /** {@inheritDoc} The identifying three, the time, and what {@link CloudTrailSeverity} reads. */
    @Override
    public Set<String> membersRead() {
        return MEMBERS_READ;
    }

    @Override
    public boolean accepts(JsonNode record) {
        return record.has("eventID") && record.has("eventName") && record.has("eventSource");
    }

    @Override
    public List<Event> events(JsonNode record, String raw, String instance, String fallbackId)
            throws RecordException {
        return List.of(event(record, raw, instance)
                .id(Fields.require(record, "eventID", WHAT))
                .type(Fields.require(record, "eventName", WHAT))
                .time(Timestamps.require(record, "eventTime", WHAT))
                .severity(CloudTrailSeverity.of(record))
                .build());
    }

    /**
     * {@code <eventName> by <actor>}; the actor is the caller's ARN, else its user name, the service
     * that called on its behalf, or its identity type; the target the first of {@code resources},
     * else the service called; the outcome the {@code errorCode}, a console sign-in's own result, or
     * {@code success}; the link the event in the CloudTrail console of its region.
     */
    @Override
    public RecordSummary summary(Event event) {
        JsonNode d = event.detail();
        JsonNode identity = d.path("userIdentity");
        String actor = Fields.firstOf(Fields.text(identity, "arn"), Fields.text(identity, "userName"),
                Fields.text(identity, "invokedBy"), Fields.text(identity, "type"));
        String target = Fields.firstOf(Fields.text(d.path("resources").path(0), "ARN"), Fields.text(d, "eventSource"));
        String account = Fields.firstOf(Fields.text(d, "recipientAccountId"), Fields.text(identity, "accountId"));
        String region = Fields.text(d, "awsRegion");
        String outcome = Fields.firstOf(Fields.text(d, "errorCode"),
                Fields.text(d.path("responseElements"), "ConsoleLogin"), "Success");
        String eventId = Fields.firstOf(Fields.text(d, "eventID"), event.id());
        String link = region == null ? null : "https://" + region + ".console.aws.amazon.com/cloudtrailv2/home?region="
                + region + "#/events/" + URLEncoder.encode(eventId, StandardCharsets.UTF_8);
        return new RecordSummary(event.type() + (actor == null ? "" : " by " + actor), actor, target, account,
                region, outcome, link);
    }
}
