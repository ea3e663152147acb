package dev.herald.sink.syslog;

import java.io.ByteArrayInputStream;
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
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS context of a syslog connection: the JVM's CAs plus {@code ca_bundle} (or, insecure,
 * anything), and optionally a client certificate with its PKCS#8 key, all from PEM files.
 *
 * <p>The trust part does what dev.herald.http's (package-private) TrustMaterial does for HTTP
 * clients; this sink does not use HTTP, so it cannot reach it.
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
        TrustManager trust = insecure ? new TrustAnything() : jvmTrustPlus(caBundle.isBlank()
                ? List.of() : certificates(Path.of(caBundle.trim()), "ca_bundle"));
        KeyManager[] keys = certificate.isBlank() ? null : keyManagers(certificate.trim(), key.trim());
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, new TrustManager[] {trust}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM offers no TLS implementation", e);
        }
    }

    private static X509TrustManager jvmTrustPlus(List<X509Certificate> extra) {
        try {
            TrustManagerFactory jvm = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            jvm.init((KeyStore) null);
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (X509Certificate ca : x509(jvm.getTrustManagers()).getAcceptedIssuers()) {
                store.setCertificateEntry("jvm-" + n++, ca);
            }
            for (X509Certificate ca : extra) {
                store.setCertificateEntry("ca_bundle-" + n++, ca);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return x509(factory.getTrustManagers());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a trust store from the JVM's CAs and ca_bundle", e);
        }
    }

    private static X509TrustManager x509(TrustManager[] managers) throws GeneralSecurityException {
        for (TrustManager manager : managers) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("the JVM's trust manager factory offers no X.509 trust manager");
    }

    private static KeyManager[] keyManagers(String certificateFile, String keyFile) {
        if (keyFile.isBlank()) {
            throw new IllegalArgumentException("client_key is required with client_certificate: the PEM file of"
                    + " the certificate's private key (PKCS#8, -----BEGIN PRIVATE KEY-----)");
        }
        List<X509Certificate> chain = certificates(Path.of(certificateFile), "client_certificate");
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

    private static List<X509Certificate> certificates(Path file, String property) {
        byte[] pem = read(file, property, "a PEM file holding certificate(s)");
        List<X509Certificate> result = new ArrayList<>();
        try {
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem))) {
                result.add((X509Certificate) c);
            }
        } catch (CertificateException e) {
            throw new IllegalArgumentException(property + " '" + file + "' is not a PEM file of certificates ("
                    + e.getMessage() + "): it must hold -----BEGIN CERTIFICATE----- blocks");
        }
        if (result.isEmpty()) {
            throw new IllegalArgumentException(property + " '" + file + "' holds no certificate: it must hold"
                    + " -----BEGIN CERTIFICATE----- blocks");
        }
        return result;
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

    /** Accepts any server certificate: insecure = true, for tests only. */
    private static final class TrustAnything implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
