package dev.herald.sink.mail;

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
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS socket factory for SMTP: the JVM's CAs plus a {@code ca_bundle}, or (insecure) no
 * verification at all. The same rules as dev.herald.http's trust, which is not exported to
 * non-HTTP plugins.
 */
final class TlsTrust {
    private TlsTrust() {
    }

    /** Trusts what the JVM trusts and the CA certificates of the PEM file {@code caBundle}. */
    static SSLSocketFactory jvmTrustPlus(Path caBundle) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (X509Certificate ca : x509(defaultTrustManagers()).getAcceptedIssuers()) {
                store.setCertificateEntry("jvm-" + n++, ca);
            }
            for (Certificate ca : readPem(caBundle)) {
                store.setCertificateEntry("ca_bundle-" + n++, ca);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return context(factory.getTrustManagers()).getSocketFactory();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a trust store from the JVM's CAs and ca_bundle", e);
        }
    }

    /** Accepts any certificate: the caller also turns off Angus's host name check. */
    static SSLSocketFactory trustingAnything() {
        return context(new TrustManager[] {new TrustAnything()}).getSocketFactory();
    }

    private static Collection<? extends Certificate> readPem(Path file) {
        byte[] pem;
        try {
            pem = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("ca_bundle '" + file + "' does not exist: give the path of a PEM file"
                    + " holding the CA certificate(s)");
        } catch (IOException e) {
            throw new IllegalArgumentException("ca_bundle '" + file + "' cannot be read: " + e);
        }
        Collection<? extends Certificate> certificates;
        try {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem));
        } catch (CertificateException e) {
            throw new IllegalArgumentException("ca_bundle '" + file + "' is not a PEM file of certificates ("
                    + e.getMessage() + "): it must hold one or more -----BEGIN CERTIFICATE----- blocks");
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("ca_bundle '" + file + "' holds no certificate: it must hold one or"
                    + " more -----BEGIN CERTIFICATE----- blocks");
        }
        return certificates;
    }

    private static TrustManager[] defaultTrustManagers() throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        return factory.getTrustManagers();
    }

    private static X509TrustManager x509(TrustManager[] managers) throws GeneralSecurityException {
        for (TrustManager manager : managers) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("the JVM's trust manager factory offers no X.509 trust manager");
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

    /** Being an X509ExtendedTrustManager, it also replaces the JDK's own host name check. */
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
