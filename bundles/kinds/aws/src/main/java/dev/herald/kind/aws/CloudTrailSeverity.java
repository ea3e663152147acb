package dev.herald.kind.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.api.Severity;
import dev.herald.api.record.Fields;
import java.util.Set;

/**
 * How Herald rates a CloudTrail record, since CloudTrail itself has no severity. The record gets
 * the <b>highest</b> of the ratings whose rule applies:
 * <ul>
 *   <li>a call in {@link #SENSITIVE_CALLS} (turning off logging or detection, creating
 *       credentials or users, widening a policy, a security group or a bucket, disabling a key):
 *       <b>high</b>, whether it succeeded or was denied;</li>
 *   <li>anything the account's root user does ({@code userIdentity.type} {@code Root}):
 *       <b>high</b>;</li>
 *   <li>a call denied for lack of permission ({@code errorCode} {@code AccessDenied},
 *       {@code AccessDeniedException}, {@code UnauthorizedOperation} or
 *       {@code Client.UnauthorizedOperation}): <b>medium</b>;</li>
 *   <li>a failed console sign-in ({@code ConsoleLogin} with
 *       {@code responseElements.ConsoleLogin} {@code Failure}): <b>medium</b>;</li>
 *   <li>otherwise a read ({@code readOnly} true) is <b>info</b> and any other call <b>low</b>.</li>
 * </ul>
 * Routes may raise the result (for example to critical for root activity).
 */
public final class CloudTrailSeverity {

    /** Calls that weaken an account's defences or grant access: rated high. */
    public static final Set<String> SENSITIVE_CALLS = Set.of(
            // CloudTrail, Config, VPC flow logs: the audit trail itself
            "StopLogging", "DeleteTrail", "UpdateTrail", "PutEventSelectors",
            "StopConfigurationRecorder", "DeleteConfigurationRecorder", "DeleteDeliveryChannel",
            "DeleteFlowLogs",
            // IAM: new identities, credentials and permissions
            "CreateUser", "CreateAccessKey", "CreateLoginProfile", "UpdateLoginProfile",
            "AttachUserPolicy", "PutUserPolicy", "AttachRolePolicy", "PutRolePolicy",
            "AttachGroupPolicy", "PutGroupPolicy", "CreatePolicyVersion", "SetDefaultPolicyVersion",
            "UpdateAssumeRolePolicy", "AddUserToGroup", "DeactivateMFADevice", "DeleteVirtualMFADevice",
            // network and storage exposure
            "AuthorizeSecurityGroupIngress", "PutBucketPolicy", "PutBucketAcl", "DeleteBucketPolicy",
            "DeletePublicAccessBlock", "DeleteBucketPublicAccessBlock",
            // encryption keys
            "DisableKey", "ScheduleKeyDeletion",
            // detection services
            "DeleteDetector", "DisassociateFromMasterAccount", "DisableSecurityHub",
            "BatchDisableStandards");

    /** {@code errorCode}s that mean the caller lacked permission. */
    static final Set<String> DENIED = Set.of("AccessDenied", "AccessDeniedException",
            "UnauthorizedOperation", "Client.UnauthorizedOperation");

    private CloudTrailSeverity() {
    }

    /** Rates a CloudTrail record by the rules above. */
    public static Severity of(JsonNode record) {
        Severity severity = record.path("readOnly").asBoolean(false) ? Severity.INFO : Severity.LOW;
        String errorCode = Fields.text(record, "errorCode");
        if (errorCode != null && DENIED.contains(errorCode)) {
            severity = severity.atLeast(Severity.MEDIUM);
        }
        String eventName = Fields.text(record, "eventName");
        if ("ConsoleLogin".equals(eventName)
                && "Failure".equals(Fields.text(record.path("responseElements"), "ConsoleLogin"))) {
            severity = severity.atLeast(Severity.MEDIUM);
        }
        if ("Root".equals(Fields.text(record.path("userIdentity"), "type"))) {
            severity = severity.atLeast(Severity.HIGH);
        }
        if (eventName != null && SENSITIVE_CALLS.contains(eventName)) {
            severity = severity.atLeast(Severity.HIGH);
        }
        return severity;
    }
}
