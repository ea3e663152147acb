package dev.herald.sink.syslog;

import dev.herald.http.tls.TlsTrust;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * The TLS context of a syslog connection: the JVM's CAs plus {@code ca_bundle} (or, insecure,
 * anything), and optionally a client certificate with its PKCS#8 key, all from PEM files.
 * The trust part is Herald's shared {@link TlsTrust}.
 */
final class TlsContexts {
    private static final Pattern PRIVATE_KEY =
            Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

    private TlsContexts() {
    }

    /**
     * @param caBundle    PEM CA certificates trusted besides the JVM's, or blank
     * @param certificate PEM client certificate (chain), or blank for none
     * @param key         PEM PKCS#8 key of {@code certificate}
     * @param insecure    trust any certificate (host names are then not checked either)
     */
    static SSLContext create(String caBundle, String certificate, String key, boolean insecure) {
        TrustManager trust = insecure ? TlsTrust.trustingAnythingManager() : TlsTrust.jvmTrustPlusManager(
                caBundle.isBlank() ? List.of() : TlsTrust.readPem(Path.of(caBundle.trim())));
        KeyManager[] keys = certificate.isBlank() ? null : keyManagers(certificate.trim(), key.trim());
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, new TrustManager[] {trust}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM offers no TLS implementation", e);
        }
    }

    private static KeyManager[] keyManagers(String certificateFile, String keyFile) {
        if (keyFile.isBlank()) {
            throw new IllegalArgumentException("client_key is required with client_certificate: the PEM file of"
                    + " the certificate's private key (PKCS#8, -----BEGIN PRIVATE KEY-----)");
        }
        List<X509Certificate> chain = TlsTrust.readPem(Path.of(certificateFile), "client_certificate");
        PrivateKey key = privateKey(Path.of(keyFile));
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("client", key, new char[0], chain.toArray(new Certificate[0]));
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, new char[0]);
            return factory.getKeyManagers();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("client_key '" + keyFile + "' does not belong to client_certificate '"
                    + certificateFile + "' or cannot be used: " + e.getMessage());
        }
    }

    private static PrivateKey privateKey(Path file) {
        String pem = new String(read(file, "client_key", "the PEM file of the client certificate's key"),
                StandardCharsets.US_ASCII);
        Matcher m = PRIVATE_KEY.matcher(pem);
        if (!m.find()) {
            throw new IllegalArgumentException("client_key '" + file + "' must be an unencrypted PKCS#8 PEM key"
                    + " (-----BEGIN PRIVATE KEY-----); convert it with: openssl pkcs8 -topk8 -nocrypt -in <key>"
                    + " -out <key.pk8.pem>, and protect the file with its permissions");
        }
        byte[] der = Base64.getMimeDecoder().decode(m.group(1));
        for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (InvalidKeySpecException | NoSuchAlgorithmException e) {
                // try the next algorithm
            }
        }
        throw new IllegalArgumentException("client_key '" + file + "' holds no RSA, EC or EdDSA key Java can read");
    }

    private static byte[] read(Path file, String property, String what) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(property + " '" + file + "' does not exist: give the path of " + what);
        } catch (IOException e) {
            throw new IllegalArgumentException(property + " '" + file + "' cannot be read: " + e);
        }
    }
}
