package dev.herald.source.securityhub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.aws.RequestPacer;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFindingFilters;
import software.amazon.awssdk.services.securityhub.model.DateFilter;
import software.amazon.awssdk.services.securityhub.model.GetFindingsRequest;
import software.amazon.awssdk.services.securityhub.model.GetFindingsResponse;
import software.amazon.awssdk.services.securityhub.model.SortCriterion;
import software.amazon.awssdk.services.securityhub.model.SortOrder;
import software.amazon.awssdk.services.securityhub.model.StringFilter;
import software.amazon.awssdk.services.securityhub.model.StringFilterComparison;

/**
 * The GetFindings calls of one time window: every finding updated in [from, to] that matches the
 * configured filters, oldest update first, following NextToken to the last page, each request
 * paced by the {@link RequestPacer}. Findings come back as the ASFF JSON Security Hub sent (see
 * {@link ResponseBodyCapture}), not as SDK model objects.
 */
final class FindingsWindow {
    /** GetFindings' largest page. */
    static final int PAGE = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SecurityHubClient client;
    private final RequestPacer pacer;
    private final Map<FindingFilter, List<String>> filters;

    /** @param client a client with a {@link ResponseBodyCapture} among its interceptors */
    FindingsWindow(SecurityHubClient client, RequestPacer pacer, Map<FindingFilter, List<String>> filters) {
        this.client = client;
        this.pacer = pacer;
        this.filters = filters;
    }

    /**
     * Every matching finding updated in [from, to], as parsed ASFF objects.
     *
     * @throws software.amazon.awssdk.core.exception.SdkException when a page cannot be read
     */
    List<JsonNode> findings(Instant from, Instant to) throws InterruptedException {
        AwsSecurityFindingFilters criteria = criteria(from, to);
        List<JsonNode> findings = new ArrayList<>();
        String token = null;
        do {
            AtomicReference<byte[]> body = new AtomicReference<>();
            GetFindingsRequest request = GetFindingsRequest.builder()
                    .filters(criteria)
                    .sortCriteria(SortCriterion.builder().field("UpdatedAt").sortOrder(SortOrder.ASC).build())
                    .maxResults(PAGE)
                    .nextToken(token)
                    .overrideConfiguration(o -> o.putExecutionAttribute(ResponseBodyCapture.RECEIVER, body::set))
                    .build();
            pacer.acquire();
            GetFindingsResponse response = client.getFindings(request);
            JsonNode page = page(body.get());
            page.path("Findings").forEach(findings::add);
            token = response.nextToken() == null || response.nextToken().isEmpty() ? null : response.nextToken();
        } while (token != null);
        return findings;
    }

    private AwsSecurityFindingFilters criteria(Instant from, Instant to) {
        AwsSecurityFindingFilters.Builder criteria = AwsSecurityFindingFilters.builder()
                .updatedAt(DateFilter.builder().start(from.toString()).end(to.toString()).build());
        filters.forEach((filter, values) -> filter.apply(criteria, values.stream()
                .map(v -> StringFilter.builder().comparison(StringFilterComparison.EQUALS).value(v).build())
                .toList()));
        return criteria.build();
    }

    private static JsonNode page(byte[] body) {
        if (body == null) {
            throw SdkClientException.create("the GetFindings answer had no body to read the findings from");
        }
        try {
            JsonNode page = JSON.readTree(body);
            if (!page.path("Findings").isArray()) {
                throw SdkClientException.create("the GetFindings answer has no Findings array");
            }
            return page;
        } catch (IOException e) {
            throw SdkClientException.create("the GetFindings answer is not JSON: " + e.getMessage(), e);
        }
    }
}
