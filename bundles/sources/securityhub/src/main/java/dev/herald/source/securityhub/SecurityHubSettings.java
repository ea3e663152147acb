package dev.herald.source.securityhub;

import dev.herald.api.secret.Secrets;
import dev.herald.api.text.Text;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A Security Hub source's configuration, validated.
 *
 * @param name                 the source instance name
 * @param mode                 how findings arrive
 * @param filters              poll: the GetFindings string filters, each with its values (none: every finding)
 * @param pollInterval         poll: how long between two polls
 * @param overlap              poll: how far before the checkpoint each poll starts again, for late updates
 * @param backfill             poll: how far back the first poll (no checkpoint yet) starts
 * @param maxRequestsPerSecond poll: GetFindings requests per second
 * @param path                 push: the servlet path EventBridge posts to
 * @param headerName           push: the HTTP header that carries the secret
 * @param headerSecret         push: the shared secret
 * @param maxBodyBytes         push: the largest request body accepted
 * @param allowPlainHttp       push: whether posts over plain HTTP are taken (a TLS-terminating proxy in front)
 */
record SecurityHubSettings(String name, Mode mode, Map<FindingFilter, List<String>> filters, Duration pollInterval,
                           Duration overlap, Duration backfill, double maxRequestsPerSecond, String path,
                           String headerName, String headerSecret, int maxBodyBytes, boolean allowPlainHttp) {

    /** How findings arrive. */
    enum Mode {
        /** Herald asks GetFindings. */
        POLL,
        /** EventBridge posts them through an API destination. */
        PUSH
    }

    /** Security Hub keeps a finding 90 days after its last update. */
    static final Duration RETENTION = Duration.ofDays(90);
    /** Security Hub's documented GetFindings rate per account and region. */
    static final double MAX_REQUESTS_PER_SECOND = 3;
    /** The default path's prefix; the instance name follows. */
    static final String PATH_PREFIX = "/herald/securityhub/";
    static final int MIN_SECRET_LENGTH = 16;
    private static final int MIN_BODY_BYTES = 1024;
    private static final int MAX_BODY_BYTES = 16 * 1024 * 1024;
    private static final Pattern PATH = Pattern.compile("(/[A-Za-z0-9._~-]+)+");
    private static final Pattern HEADER = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");

    @Override
    public String toString() { // keeps the secret out of logs and exception messages
        return "SecurityHubSettings[name=" + name + ", mode=" + mode + ", filters=" + filters + ", path=" + path + "]";
    }

    /** @throws IllegalArgumentException naming the property and the fix when a value is invalid */
    static SecurityHubSettings from(SecurityHubSource.Config c) {
        if (c.name() == null || c.name().isBlank()) {
            throw new IllegalArgumentException("name is missing: give the source instance a name; its events carry"
                    + " it as 'instance'");
        }
        String name = c.name().trim();
        Mode mode = mode(c.mode());
        Map<FindingFilter, List<String>> filters = new EnumMap<>(FindingFilter.class);
        put(filters, FindingFilter.SEVERITY_LABEL, c.severity__labels());
        put(filters, FindingFilter.PRODUCT_NAME, c.product__names());
        put(filters, FindingFilter.RECORD_STATE, c.record__states());
        put(filters, FindingFilter.WORKFLOW_STATUS, c.workflow__statuses());
        put(filters, FindingFilter.COMPLIANCE_STATUS, c.compliance__statuses());
        if (mode == Mode.PUSH && !filters.isEmpty()) {
            throw new IllegalArgumentException(filters.keySet().iterator().next().property() + " applies to mode ="
                    + " poll only: in push mode, filter in the EventBridge rule's event pattern and leave it empty");
        }
        if (c.poll__interval() < 1) {
            throw new IllegalArgumentException("poll_interval = " + c.poll__interval() + " is out of range: give the"
                    + " seconds between two polls, at least 1");
        }
        if (c.overlap() < 0) {
            throw new IllegalArgumentException("overlap = " + c.overlap() + " is out of range: use 0 or more seconds");
        }
        long maxBackfill = RETENTION.toHours();
        if (c.backfill__hours() < 0 || c.backfill__hours() > maxBackfill) {
            throw new IllegalArgumentException("backfill_hours = " + c.backfill__hours() + " is out of range: use 0"
                    + " (start now) to " + maxBackfill + " (Security Hub keeps findings 90 days after their last"
                    + " update)");
        }
        if (!(c.max__requests__per__second() > 0 && c.max__requests__per__second() <= MAX_REQUESTS_PER_SECOND)) {
            throw new IllegalArgumentException("max_requests_per_second = " + c.max__requests__per__second()
                    + " is out of range: use more than 0 and at most 3 (Security Hub's GetFindings rate); give"
                    + " each of several sources reading the same account a share of it");
        }
        String path = c.path() == null || c.path().isBlank() ? PATH_PREFIX + name : c.path().trim();
        String headerName = c.header__name() == null ? "" : c.header__name().trim();
        String secret = c.header__secret() == null ? "" : Secrets.reveal(c.header__secret());
        if (mode == Mode.PUSH) {
            validatePush(path, headerName, secret, c.max__body__bytes());
        }
        return new SecurityHubSettings(name, mode, Map.copyOf(filters), Duration.ofSeconds(c.poll__interval()),
                Duration.ofSeconds(c.overlap()), Duration.ofHours(c.backfill__hours()),
                c.max__requests__per__second(), path, headerName, secret, c.max__body__bytes(),
                c.allow__plain__http());
    }

    private static Mode mode(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "", "poll" -> Mode.POLL;
            case "push" -> Mode.PUSH;
            default -> throw new IllegalArgumentException("mode = " + value + " is unknown: use poll (GetFindings)"
                    + " or push (an EventBridge API destination posts to Herald)");
        };
    }

    private static void validatePush(String path, String headerName, String secret, int maxBodyBytes) {
        if (!PATH.matcher(path).matches()) {
            throw new IllegalArgumentException("path = " + path + " is not a servlet path: use a path such as"
                    + " /herald/securityhub/prod (letters, digits, . _ ~ - between slashes, no wildcard)");
        }
        if (!HEADER.matcher(headerName).matches()) {
            throw new IllegalArgumentException("header_name = '" + headerName + "' is not an HTTP header name: use"
                    + " e.g. x-herald-token");
        }
        if (secret.isBlank()) {
            throw new IllegalArgumentException("header_secret is missing: mode = push needs the secret the"
                    + " EventBridge connection sends in " + headerName + " (e.g. $[secret:herald/securityhub-token])");
        }
        if (secret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException("header_secret is too short: use at least " + MIN_SECRET_LENGTH
                    + " random characters (e.g. openssl rand -hex 32)");
        }
        if (maxBodyBytes < MIN_BODY_BYTES || maxBodyBytes > MAX_BODY_BYTES) {
            throw new IllegalArgumentException("max_body_bytes = " + maxBodyBytes + " is out of range: use "
                    + MIN_BODY_BYTES + " to " + MAX_BODY_BYTES + " (EventBridge events are at most 256 KiB)");
        }
    }

    private static void put(Map<FindingFilter, List<String>> filters, FindingFilter filter, String[] values) {
        List<String> list = Text.items(values).stream().distinct().toList();
        if (list.isEmpty()) {
            return;
        }
        if (!filter.allowed().isEmpty()) {
            list = list.stream().map(v -> v.toUpperCase(Locale.ROOT)).distinct().toList();
            for (String v : list) {
                if (!filter.allowed().contains(v)) {
                    throw new IllegalArgumentException(filter.property() + ": '" + v + "' is not one of "
                            + filter.allowed().stream().sorted().toList());
                }
            }
        }
        filters.put(filter, list);
    }
}
