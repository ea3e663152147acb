package dev.herald.http.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * TLS trust for a client: the JVM's CAs plus configured ones ({@code ca_bundle}), or (insecure)
 * none at all. Shared by every plugin that opens TLS connections itself: HTTP, SMTP, syslog, AWS.
 */
public final class TlsTrust {
    private TlsTrust() {
    }

    /** The certificates of a {@code ca_bundle} PEM file (one or many, text between them allowed). */
    public static List<X509Certificate> readPem(Path file) {
        return readPem(file, "ca_bundle");
    }

    /** The certificates of the PEM file that configuration property {@code property} names, for its messages. */
    public static List<X509Certificate> readPem(Path file, String property) {
        byte[] pem;
        try {
            pem = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(property + " '" + file + "' does not exist: give the path of"
                    + " a PEM file holding the CA certificate(s)");
        } catch (IOException e) {
            throw new IllegalArgumentException(property + " '" + file + "' cannot be read: " + e);
        }
        Collection<? extends Certificate> certificates;
        try {
            certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem));
        } catch (CertificateException e) {
            throw new IllegalArgumentException(property + " '" + file + "' is not a PEM file of certificates ("
                    + e.getMessage() + "): it must hold one or more -----BEGIN CERTIFICATE----- blocks");
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException(property + " '" + file + "' holds no certificate: it must hold"
                    + " one or more -----BEGIN CERTIFICATE----- blocks");
        }
        List<X509Certificate> result = new ArrayList<>();
        certificates.forEach(c -> result.add((X509Certificate) c));
        return result;
    }

    /** Trusts what the JVM trusts, and {@code extra} besides. Host names are still verified. */
    public static SSLContext jvmTrustPlus(List<X509Certificate> extra) {
        return context(new TrustManager[] {jvmTrustPlusManager(extra)});
    }

    /** The trust manager of {@link #jvmTrustPlus}: one store holding the JVM's CAs and {@code extra}. */
    public static X509TrustManager jvmTrustPlusManager(List<X509Certificate> extra) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (X509Certificate ca : jvmTrustAnchors()) {
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

    /** The CA certificates of the JVM's default trust store. */
    public static List<X509Certificate> jvmTrustAnchors() throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        return List.of(x509(factory.getTrustManagers()).getAcceptedIssuers());
    }

    private static X509TrustManager x509(TrustManager[] managers) throws GeneralSecurityException {
        for (TrustManager manager : managers) {
            if (manager instanceof X509TrustManager) {
                return (X509TrustManager) manager;
            }
        }
        throw new GeneralSecurityException("the JVM's trust manager factory offers no X.509 trust manager");
    }

    /**
     * Accepts any certificate for any host. Being an {@link X509ExtendedTrustManager}, it also
     * replaces the JDK's host name check, which the engine delegates to the trust manager.
     */
    public static SSLContext trustingAnything() {
        return context(new TrustManager[] {trustingAnythingManager()});
    }

    /** The trust manager of {@link #trustingAnything()}, for clients that take trust managers rather than a context. */
    public static X509TrustManager trustingAnythingManager() {
        return new TrustAnything();
    }

    private static SSLContext context(TrustManager[] trust) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM offers no TLS implementation", e);
        }
    }

    private static final class TrustAnything extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

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
