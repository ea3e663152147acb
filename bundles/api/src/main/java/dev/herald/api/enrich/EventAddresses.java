package dev.herald.api.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.api.Event;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the IP addresses of each kind of event are, so that every enricher reads them alike:
 *
 * <table>
 * <caption>IP addresses by event source</caption>
 * <tr><th>{@link Event#source()}</th><th>source address</th><th>destination address</th></tr>
 * <tr><td>{@code cloudtrail}</td><td>{@code detail.sourceIPAddress}</td><td>none</td></tr>
 * <tr><td>{@code illumio-flow}</td><td>{@code detail.src_ip}</td><td>{@code detail.dst_ip}</td></tr>
 * <tr><td>{@code pce}</td><td>{@code detail.action.src_ip} (the client of the API call)</td><td>none</td></tr>
 * </table>
 *
 * <p>Only IP literals count: CloudTrail names an AWS service (e.g. {@code ec2.amazonaws.com}) in
 * {@code sourceIPAddress} when the service acted itself, and such names are never resolved.
 */
public final class EventAddresses {
    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    /** Hex groups, colons and an optional embedded IPv4 tail; parsing it never asks DNS. */
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*");

    private EventAddresses() {
    }

    /** The address the event came from or was made by, if it has one that is an IP literal. */
    public static Optional<String> source(Event e) {
        return switch (e.source()) {
            case "cloudtrail" -> ip(e.detailMember("sourceIPAddress"));
            case "illumio-flow" -> ip(e.detailMember("src_ip"));
            case "pce" -> ip(member(e.detailMember("action"), "src_ip"));
            default -> Optional.empty();
        };
    }

    /** The address the event went to (flow summaries only), if it is an IP literal. */
    public static Optional<String> destination(Event e) {
        return e.source().equals("illumio-flow") ? ip(e.detailMember("dst_ip")) : Optional.empty();
    }

    /** Whether {@code text} is an IPv4 or IPv6 literal (so that {@code InetAddress.getByName} will not ask DNS). */
    public static boolean isIpLiteral(String text) {
        return IPV4.matcher(text).matches() || (text.length() <= 45 && IPV6.matcher(text).matches());
    }

    private static JsonNode member(JsonNode object, String name) {
        return object == null ? null : object.get(name);
    }

    private static Optional<String> ip(JsonNode node) {
        if (node == null || !node.isTextual()) {
            return Optional.empty();
        }
        String text = node.asText().trim();
        return isIpLiteral(text) ? Optional.of(text) : Optional.empty();
    }
}
