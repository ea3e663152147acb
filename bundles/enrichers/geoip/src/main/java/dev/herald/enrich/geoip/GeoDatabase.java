package dev.herald.enrich.geoip;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.maxmind.db.Reader;
import com.maxmind.geoip2.DatabaseReader;
import com.maxmind.geoip2.exception.GeoIp2Exception;
import com.maxmind.geoip2.model.AbstractCityResponse;
import com.maxmind.geoip2.model.AbstractCountryResponse;
import com.maxmind.geoip2.model.AsnResponse;
import com.maxmind.geoip2.record.City;
import com.maxmind.geoip2.record.Continent;
import com.maxmind.geoip2.record.Country;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * One MaxMind database file (City, Country, ASN, ISP or Enterprise; the file's own metadata says
 * which), opened on first use and opened again whenever the file is replaced or changed, so that
 * a database update (MaxMind's geoipupdate renames the new file into place) applies without a restart.
 */
final class GeoDatabase implements AutoCloseable {
    private final Path path;
    private Opened opened;

    /** An open reader and the file it was opened from. */
    private record Opened(DatabaseReader reader, Kind kind, Signature signature) {
    }

    /** What a database holds, from its metadata's database type. */
    enum Kind {
        CITY, COUNTRY, ASN, ISP;

        static Optional<Kind> of(String databaseType) {
            // e.g. GeoLite2-City, GeoIP2-City, GeoLite2-Country, GeoLite2-ASN, GeoIP2-ISP
            if (databaseType.contains("City")) {
                return Optional.of(CITY);
            }
            if (databaseType.contains("Country")) {
                return Optional.of(COUNTRY);
            }
            if (databaseType.contains("ASN")) {
                return Optional.of(ASN);
            }
            return databaseType.contains("ISP") ? Optional.of(ISP) : Optional.empty();
        }
    }

    /** What identifies one version of the file: a rename gives a new file key, a rewrite a new time or size. */
    private record Signature(Object fileKey, long modified, long size) {
        static Signature of(Path path) throws IOException {
            BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
            return new Signature(a.fileKey(), a.lastModifiedTime().toMillis(), a.size());
        }
    }

    GeoDatabase(Path path) {
        this.path = path;
    }

    Path path() {
        return path;
    }

    /**
     * Adds what this database knows of {@code address} to {@code into} (country, city, continent,
     * asn, as_org); nothing when the address is not in it.
     *
     * @throws IOException when the file cannot be read or is not a database of a known kind; the
     *                     message names the file and what to do
     */
    synchronized void locate(InetAddress address, ObjectNode into) throws IOException {
        Opened db = current();
        try {
            switch (db.kind()) {
                case CITY -> db.reader().tryCity(address).ifPresent(r -> place(r, into));
                case COUNTRY -> db.reader().tryCountry(address).ifPresent(r -> place(r, into));
                case ASN -> db.reader().tryAsn(address).ifPresent(r -> network(r, into));
                case ISP -> db.reader().tryIsp(address).ifPresent(r -> network(r, into));
                default -> throw new IllegalStateException("unhandled kind " + db.kind());
            }
        } catch (GeoIp2Exception e) {
            throw new IOException("the GeoIP database " + path + " cannot answer for " + address.getHostAddress()
                    + ": " + e.getMessage(), e);
        }
    }

    /** The reader of the file as it is now: the open one, or a new one when the file changed. */
    private Opened current() throws IOException {
        Signature now;
        try {
            now = Signature.of(path);
        } catch (NoSuchFileException e) {
            throw new IOException("the GeoIP database " + path + " does not exist: download a GeoLite2 or GeoIP2"
                    + " .mmdb file from MaxMind there, or fix 'databases' in the geo-IP enricher's configuration", e);
        }
        if (opened != null && opened.signature().equals(now)) {
            return opened;
        }
        DatabaseReader reader;
        // read into memory: the file may be replaced under us at any time
        try (InputStream in = Files.newInputStream(path)) {
            reader = new DatabaseReader.Builder(in).fileMode(Reader.FileMode.MEMORY).build();
        } catch (IOException | RuntimeException e) {
            throw new IOException("the GeoIP database " + path + " cannot be read (" + e.getMessage()
                    + "): it must be a MaxMind .mmdb file (GeoLite2/GeoIP2 City, Country, ASN or ISP)", e);
        }
        String type = reader.getMetadata().getDatabaseType();
        Optional<Kind> kind = Kind.of(type);
        if (kind.isEmpty()) {
            reader.close();
            throw new IOException("the GeoIP database " + path + " is a " + type + " database, which has no"
                    + " location or network: use a GeoLite2/GeoIP2 City, Country, ASN or ISP database");
        }
        close();
        opened = new Opened(reader, kind.get(), now);
        return opened;
    }

    private static void place(AbstractCountryResponse r, ObjectNode into) {
        Country country = r.getCountry();
        putIfAbsent(into, "country", country.getIsoCode());
        putIfAbsent(into, "country_name", country.getName());
        Continent continent = r.getContinent();
        putIfAbsent(into, "continent", continent.getCode());
        if (r instanceof AbstractCityResponse city) {
            City c = city.getCity();
            putIfAbsent(into, "city", c.getName());
        }
    }

    /** An ASN response, or an ISP one, which extends it. */
    private static void network(AsnResponse r, ObjectNode into) {
        if (r.getAutonomousSystemNumber() != null && !into.has("asn")) {
            into.put("asn", r.getAutonomousSystemNumber());
        }
        putIfAbsent(into, "as_org", r.getAutonomousSystemOrganization());
    }

    /** The first database that knows a field wins (the configured order). */
    private static void putIfAbsent(ObjectNode into, String field, String value) {
        if (value != null && !value.isBlank() && !into.has(field)) {
            into.put(field, value);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (opened != null) {
            opened.reader().close();
            opened = null;
        }
    }
}
