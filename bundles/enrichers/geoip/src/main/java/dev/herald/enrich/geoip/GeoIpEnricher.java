package dev.herald.enrich.geoip;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.api.Event;
import dev.herald.api.enrich.Enricher;
import dev.herald.api.enrich.EventAddresses;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds where an event's IP addresses are (see {@link EventAddresses} for which fields those are):
 * {@code enrichment.geo} for the source address and, for flow summaries, {@code
 * enrichment.geo_destination}, each with {@code ip}, {@code country} (ISO 3166 code), {@code
 * country_name}, {@code continent}, {@code city}, {@code asn} and {@code as_org} as far as the
 * configured MaxMind databases know them.
 */
@Component(configurationPid = GeoIpEnricher.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = GeoIpEnricher.Config.class)
public final class GeoIpEnricher implements Enricher {
    /** The configuration PID. */
    public static final String PID = "dev.herald.enrich.geoip";

    private static final Logger LOG = LoggerFactory.getLogger(GeoIpEnricher.class);

    /** The configuration; {@code __} in a method name is {@code _} in the property name. */
    @ObjectClassDefinition(name = "Herald enricher: geo-IP",
            description = "Adds the country, city and autonomous system of an event's IP addresses"
                    + " (enrichment.geo) from MaxMind GeoIP2 or GeoLite2 databases you provide.")
    public @interface Config {
        @AttributeDefinition(name = "Databases", description = "Paths of MaxMind .mmdb files: a City or Country"
                + " database and, for the AS number, an ASN or ISP database (e.g. /var/lib/GeoIP/GeoLite2-City.mmdb,"
                + " /var/lib/GeoIP/GeoLite2-ASN.mmdb). Where two know a field, the first wins. A file that changes is read"
                + " again on the next event")
        String[] databases();

        @AttributeDefinition(name = "Order", description = "Where this enricher runs among the others: lower first")
        int order() default 100;

        @AttributeDefinition(name = "Timeout (ms)", min = "1", description = "The longest one lookup may take;"
                + " the event goes on without enrichment.geo after that")
        int timeout__ms() default 500;
    }

    private final List<GeoDatabase> databases;
    private final int order;
    private final Duration timeout;

    @Activate
    public GeoIpEnricher(Config config) {
        this.databases = databases(config.databases());
        this.order = config.order();
        if (config.timeout__ms() < 1) {
            throw new IllegalArgumentException("timeout_ms of " + PID + " is " + config.timeout__ms()
                    + ": give the longest a lookup may take in milliseconds, at least 1 (default 500)");
        }
        this.timeout = Duration.ofMillis(config.timeout__ms());
        LOG.info("Geo-IP enricher reads {}", databases.stream().map(GeoDatabase::path).toList());
        // a City database takes a moment to read: not on the first events' time
        databases.forEach(GeoDatabase::preload);
    }

    private static List<GeoDatabase> databases(String[] paths) {
        List<GeoDatabase> out = new ArrayList<>();
        // a .cfg file gives one comma-separated string, Config Admin clients may give an array
        for (String value : paths == null ? new String[0] : paths) {
            for (String p : value == null ? new String[0] : value.split(",")) {
                if (p.isBlank()) {
                    continue;
                }
                try {
                    out.add(new GeoDatabase(Path.of(p.trim())));
                } catch (InvalidPathException e) {
                    throw new IllegalArgumentException("databases of " + PID + " has '" + p.trim()
                            + "', which is not a path: " + e.getReason(), e);
                }
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("databases of " + PID + " is empty: give the path of a MaxMind"
                    + " GeoLite2/GeoIP2 City or Country .mmdb file (and of an ASN one for AS numbers)");
        }
        return List.copyOf(out);
    }

    @Deactivate
    void close() {
        for (GeoDatabase db : databases) {
            try {
                db.close();
            } catch (IOException e) {
                LOG.debug("Closing {}: {}", db.path(), e.getMessage());
            }
        }
    }

    @Override
    public String name() {
        return "geoip";
    }

    @Override
    public int order() {
        return order;
    }

    @Override
    public Duration timeout() {
        return timeout;
    }

    @Override
    public boolean appliesTo(Event event) {
        return EventAddresses.source(event).isPresent() || EventAddresses.destination(event).isPresent();
    }

    @Override
    public ObjectNode enrich(Event event) throws IOException {
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        locate(EventAddresses.source(event)).ifPresent(geo -> fields.set("geo", geo));
        locate(EventAddresses.destination(event)).ifPresent(geo -> fields.set("geo_destination", geo));
        return fields;
    }

    /** What the databases know of the address; empty when none knows it (a private address, say). */
    private Optional<ObjectNode> locate(Optional<String> ip) throws IOException {
        if (ip.isEmpty()) {
            return Optional.empty();
        }
        InetAddress address;
        try {
            // an IP literal (EventAddresses checked): never a DNS lookup
            address = InetAddress.getByName(ip.get());
        } catch (UnknownHostException malformed) {
            return Optional.empty(); // the record's own problem, not the enricher's: it has no location
        }
        ObjectNode geo = JsonNodeFactory.instance.objectNode();
        for (GeoDatabase db : databases) {
            db.locate(address, geo);
        }
        if (geo.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode withIp = JsonNodeFactory.instance.objectNode().put("ip", ip.get());
        withIp.setAll(geo);
        return Optional.of(withIp);
    }
}
