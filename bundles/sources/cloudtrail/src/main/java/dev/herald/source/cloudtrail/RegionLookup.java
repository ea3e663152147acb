package dev.herald.source.cloudtrail;

import dev.herald.aws.RequestPacer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttribute;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsRequest;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsResponse;

/**
 * The LookupEvents calls of one region: every page of a time window, paced by the region's
 * {@link RequestPacer}.
 */
final class RegionLookup {
    /** LookupEvents' largest page. */
    static final int PAGE = 50;

    private final Region region;
    private final CloudTrailClient client;
    private final RequestPacer pacer;
    private final Optional<LookupAttribute> attribute;

    RegionLookup(Region region, CloudTrailClient client, RequestPacer pacer, Optional<LookupAttribute> attribute) {
        this.region = region;
        this.client = client;
        this.pacer = pacer;
        this.attribute = attribute;
    }

    Region region() {
        return region;
    }

    /**
     * Every event of [from, to], following NextToken to the last page.
     *
     * @throws software.amazon.awssdk.core.exception.SdkException when a page cannot be read
     */
    List<Event> window(Instant from, Instant to) throws InterruptedException {
        List<Event> events = new ArrayList<>();
        String token = null;
        do {
            LookupEventsRequest.Builder request = LookupEventsRequest.builder()
                    .startTime(from).endTime(to).maxResults(PAGE).nextToken(token);
            attribute.ifPresent(a -> request.lookupAttributes(a));
            pacer.acquire();
            LookupEventsResponse page = client.lookupEvents(request.build());
            events.addAll(page.events());
            token = page.nextToken() == null || page.nextToken().isEmpty() ? null : page.nextToken();
        } while (token != null);
        return events;
    }
}
