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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MaxMind database file (City, Country, ASN or ISP; the file's own metadata says which), read
 * into memory. A file that is replaced or rewritten (MaxMind's geoipupdate renames the new file into
 * place) is read again in the background while lookups go on answering from the previous version,
 * so an update neither needs a restart nor holds events up. A new version that cannot be read is
 * the error of every lookup until the file changes again.
 */
final class GeoDatabase implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GeoDatabase.class);

    private final Path path;
    /** The version lookups use; null until the file was first read. Guarded by this. */
    private Opened opened;
    /** The version being read in the background, if one is. Guarded by this. */
    private Signature reloading;
    /** The version that could not be read, and why. Guarded by this. */
    private Signature failedVersion;
    private IOException failure;
    private boolean closed;

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
    }

    GeoDatabase(Path path) {
        this.path = path;
    }

    Path path() {
        return path;
    }

    /**
     * Reads the file now, so that the first events do not wait for it; a file that is missing or
     * unreadable is only logged here (lookups report it until it is fixed).
     */
    synchronized void preload() {
        try {
            current(signature());
        } catch (IOException e) {
            LOG.warn("Geo-IP enricher: {}", e.getMessage());
        }
    }

    /**
     * Adds what this database knows of {@code address} to {@code into} (country, city, continent,
     * asn, as_org); nothing when the address is not in it.
     *
     * @throws IOException when the file cannot be read or is not a database of a known kind; the
     *                     message names the file and what to do
     */
    void locate(InetAddress address, ObjectNode into) throws IOException {
        Signature now = signature();
        synchronized (this) {
            Opened db = current(now);
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
    }

    /** The version to answer from: the open one, the file read now when none is, or the old one while a new one loads. */
    private Opened current(Signature now) throws IOException {
        if (opened != null && opened.signature().equals(now)) {
            return opened;
        }
        if (now.equals(failedVersion)) {
            throw failure;
        }
        if (opened == null) {
            return install(now, read(now));
        }
        if (!now.equals(reloading)) {
            reloading = now;
            Thread t = new Thread(() -> reload(now), "herald-geoip-reload");
            t.setDaemon(true);
            t.start();
        }
        return opened;
    }

    private void reload(Signature version) {
        try {
            DatabaseReader reader = read(version);
            synchronized (this) {
                install(version, reader);
            }
            LOG.info("Geo-IP enricher: read the new version of {}", path);
        } catch (IOException e) {
            LOG.warn("Geo-IP enricher: {}", e.getMessage());
        } finally {
            synchronized (this) {
                if (version.equals(reloading)) {
                    reloading = null;
                }
            }
        }
    }

    /** Makes a read version the one lookups use (guarded by this), or records why it could not be read. */
    private Opened install(Signature version, DatabaseReader reader) throws IOException {
        if (closed) {
            reader.close();
            throw new IOException("the geo-IP enricher was stopped");
        }
        String type = reader.getMetadata().getDatabaseType();
        Optional<Kind> kind = Kind.of(type);
        if (kind.isEmpty()) {
            reader.close();
            throw failed(version, new IOException("the GeoIP database " + path + " is a " + type + " database, which"
                    + " has no location or network: use a GeoLite2/GeoIP2 City, Country, ASN or ISP database"));
        }
        if (opened != null) {
            opened.reader().close();
        }
        opened = new Opened(reader, kind.get(), version);
        failedVersion = null;
        failure = null;
        return opened;
    }

    /** Reads the file into memory: it may be replaced under us at any time. */
    private DatabaseReader read(Signature version) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return new DatabaseReader.Builder(in).fileMode(Reader.FileMode.MEMORY).build();
        } catch (IOException | RuntimeException e) {
            IOException unreadable = new IOException("the GeoIP database " + path + " cannot be read (" + e.getMessage()
                    + "): it must be a MaxMind .mmdb file (GeoLite2/GeoIP2 City, Country, ASN or ISP)", e);
            synchronized (this) {
                throw failed(version, unreadable);
            }
        }
    }

    /** Remembers why a version cannot be read, so it is not read again until the file changes. */
    private IOException failed(Signature version, IOException e) {
        failedVersion = version;
        failure = e;
        return e;
    }

    private Signature signature() throws IOException {
        try {
            BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
            return new Signature(a.fileKey(), a.lastModifiedTime().toMillis(), a.size());
        } catch (NoSuchFileException e) {
            throw new IOException("the GeoIP database " + path + " does not exist: download a GeoLite2 or GeoIP2"
                    + " .mmdb file from MaxMind there, or fix 'databases' in the geo-IP enricher's configuration", e);
        }
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
        closed = true;
        if (opened != null) {
            opened.reader().close();
            opened = null;
        }
    }
}
