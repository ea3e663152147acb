package dev.herald.source.cloudtrail;

import dev.herald.api.text.Text;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.RegionMetadata;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttribute;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;

/**
 * A CloudTrail source's configuration, validated.
 *
 * @param name                  the source instance name
 * @param regions               the regions read, each its own checkpoint stream
 * @param pollInterval          how long between two polls
 * @param overlap               how far before a region's checkpoint each poll starts again, for late events
 * @param backfill              how far back the first poll of a region (no checkpoint yet) starts
 * @param lookupAttribute       the one LookupEvents filter, if any
 * @param maxRequestsPerSecond  LookupEvents requests per second and region
 */
record CloudTrailSettings(String name, List<Region> regions, Duration pollInterval, Duration overlap,
                          Duration backfill, Optional<LookupAttribute> lookupAttribute,
                          double maxRequestsPerSecond) {

    /** LookupEvents reads no further back than this. */
    static final Duration RETENTION = Duration.ofDays(90);
    /** CloudTrail's own limit per account and region. */
    static final double MAX_REQUESTS_PER_SECOND = 2;
    /** {@code regions = all}. */
    static final String ALL = "all";
    private static final int MAX_BACKFILL_HOURS = (int) RETENTION.toHours();
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");

    /**
     * @param configuredRegion the AWS {@code region} setting (or the SDK's default region), used when
     *                         {@code regions} is empty and to choose the partition of {@code all}
     * @throws IllegalArgumentException naming the property and the fix when a value is invalid
     */
    static CloudTrailSettings from(CloudTrailSource.Config c, Optional<Region> configuredRegion) {
        if (c.name() == null || c.name().isBlank()) {
            throw new IllegalArgumentException("name is missing: give the source instance a name; its events carry"
                    + " it as 'instance'");
        }
        if (c.poll__interval() < 1) {
            throw new IllegalArgumentException("poll_interval = " + c.poll__interval() + " is out of range: give the"
                    + " seconds between two polls, at least 1");
        }
        if (c.overlap() < 0) {
            throw new IllegalArgumentException("overlap = " + c.overlap() + " is out of range: use 0 or more seconds"
                    + " (900 covers CloudTrail's usual delivery delay of up to 15 minutes)");
        }
        if (c.backfill__hours() < 0 || c.backfill__hours() > MAX_BACKFILL_HOURS) {
            throw new IllegalArgumentException("backfill_hours = " + c.backfill__hours() + " is out of range: use 0"
                    + " (start now) to " + MAX_BACKFILL_HOURS + " (LookupEvents keeps 90 days)");
        }
        if (!(c.max__requests__per__second() > 0 && c.max__requests__per__second() <= MAX_REQUESTS_PER_SECOND)) {
            throw new IllegalArgumentException("max_requests_per_second = " + c.max__requests__per__second() + " is"
                    + " out of range: use more than 0 and at most 2 (CloudTrail's limit per account and region);"
                    + " give each of several sources reading the same account a share of it");
        }
        return new CloudTrailSettings(c.name().trim(), regions(c.regions(), configuredRegion),
                Duration.ofSeconds(c.poll__interval()), Duration.ofSeconds(c.overlap()),
                Duration.ofHours(c.backfill__hours()), lookupAttribute(c.lookup__attribute()),
                c.max__requests__per__second());
    }

    private static List<Region> regions(String[] values, Optional<Region> configured) {
        List<String> names = Text.items(values).stream().map(v -> v.toLowerCase(Locale.ROOT)).distinct().toList();
        if (names.isEmpty()) {
            return List.of(configured.orElseThrow(() -> new IllegalArgumentException("regions is empty and no region"
                    + " is configured: set region (e.g. eu-west-1), or regions to a list of regions or to all")));
        }
        if (names.contains(ALL)) {
            if (names.size() > 1) {
                throw new IllegalArgumentException("regions = " + names + " mixes 'all' with named regions: use"
                        + " either all or a list of regions");
            }
            return allRegions(configured);
        }
        for (String n : names) {
            if (!REGION.matcher(n).matches()) {
                throw new IllegalArgumentException("regions: '" + n + "' is not a region name such as eu-west-1;"
                        + " use region names separated by commas, or all");
            }
        }
        return names.stream().map(Region::of).toList();
    }

    /** Every regular region of the configured region's partition ({@code aws} when none is configured). */
    private static List<Region> allRegions(Optional<Region> configured) {
        String partition = configured.map(Region::metadata).map(m -> m.partition().id()).orElse("aws");
        return Region.regions().stream()
                .filter(r -> !r.isGlobalRegion())
                .filter(r -> {
                    RegionMetadata m = r.metadata();
                    return m != null && m.partition() != null && partition.equals(m.partition().id());
                })
                .sorted((a, b) -> a.id().compareTo(b.id()))
                .toList();
    }

    private static Optional<LookupAttribute> lookupAttribute(String value) {
        String v = value == null ? "" : value.trim();
        if (v.isEmpty()) {
            return Optional.empty();
        }
        int eq = v.indexOf('=');
        if (eq <= 0 || eq == v.length() - 1) {
            throw new IllegalArgumentException("lookup_attribute = '" + v + "' must be Key=Value, e.g."
                    + " ReadOnly=false, EventSource=iam.amazonaws.com or EventName=ConsoleLogin");
        }
        if (v.indexOf(',') >= 0) {
            throw new IllegalArgumentException("lookup_attribute = '" + v + "': LookupEvents accepts one attribute;"
                    + " keep the most selective one and match the rest in a route's pattern");
        }
        String keyName = v.substring(0, eq).trim();
        String attributeValue = v.substring(eq + 1).trim();
        LookupAttributeKey key = Arrays.stream(LookupAttributeKey.values())
                .filter(k -> k != LookupAttributeKey.UNKNOWN_TO_SDK_VERSION && k.toString().equalsIgnoreCase(keyName))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("lookup_attribute: '" + keyName + "' is not a"
                        + " LookupEvents attribute; use one of " + LookupAttributeKey.knownValues()));
        if (key == LookupAttributeKey.READ_ONLY) {
            attributeValue = attributeValue.toLowerCase(Locale.ROOT);
            if (!attributeValue.equals("true") && !attributeValue.equals("false")) {
                throw new IllegalArgumentException("lookup_attribute = '" + v + "': ReadOnly is true or false"
                        + " (false: only calls that change something)");
            }
        }
        return Optional.of(LookupAttribute.builder().attributeKey(key).attributeValue(attributeValue).build());
    }
}
