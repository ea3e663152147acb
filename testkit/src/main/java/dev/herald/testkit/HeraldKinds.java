package dev.herald.testkit;

import dev.herald.api.record.RecordKinds;
import dev.herald.kind.aws.CloudTrailKind;
import dev.herald.kind.aws.SecurityHubKind;
import dev.herald.kind.illumio.IllumioFlowKind;
import dev.herald.kind.illumio.PceAuditKind;

/**
 * The record kinds Herald ships ({@code herald-kind-aws}, {@code herald-kind-illumio}), in the
 * order the distribution tries them (their {@code service.ranking}): for a test that reads or
 * renders records as a source or sink in the distribution does, without OSGi.
 *
 * <pre>{@code
 * RecordRecognizer recognizer = HeraldKinds.all().recognizer();
 * }</pre>
 */
public final class HeraldKinds {
    private static final RecordKinds ALL = RecordKinds.of(new SecurityHubKind(), new PceAuditKind(),
            new CloudTrailKind(), new IllumioFlowKind());

    private HeraldKinds() {
    }

    /** Every kind Herald ships: securityhub, pce, cloudtrail, illumio-flow. */
    public static RecordKinds all() {
        return ALL;
    }
}
