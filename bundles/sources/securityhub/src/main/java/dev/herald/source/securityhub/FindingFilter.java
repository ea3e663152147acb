package dev.herald.source.securityhub;

import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFindingFilters;
import software.amazon.awssdk.services.securityhub.model.StringFilter;

/**
 * The GetFindings string filters a source can set, each from one configuration property: a
 * finding matches when its field EQUALS one of the configured values.
 */
enum FindingFilter {
    SEVERITY_LABEL("severity_labels", Set.of("INFORMATIONAL", "LOW", "MEDIUM", "HIGH", "CRITICAL"),
            AwsSecurityFindingFilters.Builder::severityLabel),
    PRODUCT_NAME("product_names", Set.of(), AwsSecurityFindingFilters.Builder::productName),
    RECORD_STATE("record_states", Set.of("ACTIVE", "ARCHIVED"), AwsSecurityFindingFilters.Builder::recordState),
    WORKFLOW_STATUS("workflow_statuses", Set.of("NEW", "NOTIFIED", "RESOLVED", "SUPPRESSED"),
            AwsSecurityFindingFilters.Builder::workflowStatus),
    COMPLIANCE_STATUS("compliance_statuses", Set.of("PASSED", "WARNING", "FAILED", "NOT_AVAILABLE"),
            AwsSecurityFindingFilters.Builder::complianceStatus);

    private final String property;
    private final Set<String> allowed;
    private final BiConsumer<AwsSecurityFindingFilters.Builder, List<StringFilter>> setter;

    FindingFilter(String property, Set<String> allowed,
                  BiConsumer<AwsSecurityFindingFilters.Builder, List<StringFilter>> setter) {
        this.property = property;
        this.allowed = allowed;
        this.setter = setter;
    }

    /** The configuration property that sets it. */
    String property() {
        return property;
    }

    /** The values Security Hub knows; empty when any text is valid (product names). */
    Set<String> allowed() {
        return allowed;
    }

    void apply(AwsSecurityFindingFilters.Builder criteria, List<StringFilter> values) {
        setter.accept(criteria, values);
    }
}
