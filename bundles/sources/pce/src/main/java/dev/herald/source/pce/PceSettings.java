package dev.herald.source.pce;

import dev.herald.api.secret.Secrets;
import dev.herald.api.text.Text;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A PCE source's configuration, validated.
 *
 * @param name         the source instance name
 * @param pceUrl       the PCE's base URL, scheme, host and port only (no trailing slash)
 * @param orgId        the organisation whose events are read
 * @param apiUser      the API key's user name ({@code api_…})
 * @param apiSecret    the API key's secret; never logged
 * @param pollInterval how long between two polls
 * @param maxResults   the most events asked for in one request
 * @param overlap      how far before the checkpoint each poll starts again, for late events
 * @param backfill     how far back the first poll (no checkpoint yet) starts
 * @param eventTypes   server-side filter on event_type; empty for all
 * @param severity     server-side filter on severity; empty for all
 * @param status       server-side filter on status (success|failure); empty for both
 * @param fullWindow   what to do with a window that returned {@code maxResults} events
 * @param asyncTimeout the longest an async collection may take before the window is split instead
 */
record PceSettings(String name, URI pceUrl, int orgId, String apiUser, String apiSecret, Duration pollInterval,
                   int maxResults, Duration overlap, Duration backfill, List<String> eventTypes, String severity,
                   String status, FullWindow fullWindow, Duration asyncTimeout) {

    /** How a window holding more than {@code max_results} events is collected. */
    enum FullWindow {
        /** An async collection of the whole window, split when the PCE cannot deliver one. */
        ASYNC,
        /** Halves asked again, recursively. */
        SPLIT
    }

    /** The PCE's own ceiling on max_results. */
    static final int MAX_RESULTS = 10_000;
    private static final Set<String> STATUSES = Set.of("", "success", "failure");

    @Override
    public String toString() {
        return "PceSettings[" + name + " " + pceUrl + " org " + orgId + " user " + apiUser + "]";
    }

    /**
     * @param pid the configuration's {@code service.pid}, for {@link Secrets#reveal}
     * @throws IllegalArgumentException naming the property and the fix when a value is invalid
     */
    static PceSettings from(PceSource.Config c, String pid) {
        String name = required("name", c.name(), "give the source instance a name; its events carry it as 'instance'");
        URI url = pceUrl(required("pce_url", c.pce__url(), "set it to the PCE's address, e.g. https://pce.example.com:8443"));
        if (c.org__id() < 1) {
            throw new IllegalArgumentException("org_id = " + c.org__id() + " is out of range: use the PCE organisation"
                    + " number, 1 on an on-premises PCE (see the URL of the PCE console on SaaS)");
        }
        String user = required("api_user", c.api__user(), "set it to the API key's user name (api_…); create an API"
                + " key in the PCE console under the user menu → My API Keys");
        String secret = required("api_secret", Secrets.reveal(pid, "api_secret", c.api__secret()),
                "set it to the API key's secret, shown once when the key is created");
        if (c.poll__interval() < 1) {
            throw new IllegalArgumentException("poll_interval = " + c.poll__interval() + " is out of range: give the"
                    + " seconds between two polls, at least 1");
        }
        if (c.max__results() < 1 || c.max__results() > MAX_RESULTS) {
            throw new IllegalArgumentException("max_results = " + c.max__results() + " is out of range: use 1 to "
                    + MAX_RESULTS + " (the PCE's limit)");
        }
        if (c.overlap__seconds() < 0) {
            throw new IllegalArgumentException("overlap_seconds = " + c.overlap__seconds() + " is out of range: use 0"
                    + " or more seconds");
        }
        if (c.backfill__hours() < 0) {
            throw new IllegalArgumentException("backfill_hours = " + c.backfill__hours() + " is out of range: use 0"
                    + " (start now) or more hours");
        }
        String status = trim(c.status()).toLowerCase(Locale.ROOT);
        if (!STATUSES.contains(status)) {
            throw new IllegalArgumentException("status = '" + c.status() + "' is not valid: use success, failure or"
                    + " leave it empty for both");
        }
        FullWindow fullWindow = switch (trim(c.full__window()).toLowerCase(Locale.ROOT)) {
            case "async" -> FullWindow.ASYNC;
            case "split" -> FullWindow.SPLIT;
            default -> throw new IllegalArgumentException("full_window = '" + c.full__window() + "' is not valid: use"
                    + " async (collect a full window as an async job) or split (ask for its halves again)");
        };
        if (c.async__timeout() < 1) {
            throw new IllegalArgumentException("async_timeout = " + c.async__timeout() + " is out of range: give the"
                    + " seconds an async collection may take, at least 1");
        }
        List<String> types = Text.items(c.event__types());
        return new PceSettings(name, url, c.org__id(), user, secret, Duration.ofSeconds(c.poll__interval()),
                c.max__results(), Duration.ofSeconds(c.overlap__seconds()), Duration.ofHours(c.backfill__hours()), types,
                trim(c.severity()), status, fullWindow, Duration.ofSeconds(c.async__timeout()));
    }

    private static URI pceUrl(String value) {
        URI uri;
        try {
            uri = new URI(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("pce_url = '" + value + "' is not a URL: " + e.getReason()
                    + "; use e.g. https://pce.example.com:8443", e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null
                || uri.getRawPath() != null && !uri.getRawPath().isEmpty() || uri.getRawQuery() != null) {
            throw new IllegalArgumentException("pce_url = '" + value + "' must be https://host[:port] without a path,"
                    + " e.g. https://pce.example.com:8443");
        }
        return uri;
    }

    private static String required(String key, String value, String fix) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + " is missing: " + fix);
        }
        return value.trim();
    }

    private static String trim(String value) {
        return value == null ? "" : value.trim();
    }
}
