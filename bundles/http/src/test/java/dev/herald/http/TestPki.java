package dev.herald.http;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A throw-away CA issuing server certificates, generated in memory for the TLS tests. */
final class TestPki {
    private final String name;
    private final KeyPair caKeys;
    private final X509Certificate ca;
    private long serial = 1;

    TestPki(String name) {
        this.name = name;
        this.caKeys = keyPair();
        this.ca = sign(new X500Name("CN=" + name), caKeys, null, true);
    }

    X509Certificate ca() {
        return ca;
    }

    /** Writes the CA certificate as PEM, after {@code preamble} text (as bundles often have). */
    Path writeCaPem(Path dir, String preamble, X509Certificate... more) {
        StringWriter text = new StringWriter();
        text.write(preamble);
        try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
            for (X509Certificate other : more) {
                pem.writeObject(other);
            }
            pem.writeObject(ca);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return Files.writeString(Files.createTempFile(dir, name, ".pem"), text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A server TLS context whose certificate, issued by this CA, names {@code san}. */
    SSLContext serverContext(GeneralName san) {
        try {
            KeyPair keys = keyPair();
            X509Certificate leaf = sign(new X500Name("CN=test server"), keys, san, false);
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", keys.getPrivate(), new char[0], new X509Certificate[] {leaf, ca});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, new char[0]);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static GeneralName loopbackIp() {
        return new GeneralName(GeneralName.iPAddress, "127.0.0.1");
    }

    static GeneralName dnsName(String host) {
        return new GeneralName(GeneralName.dNSName, host);
    }

    private X509Certificate sign(X500Name subject, KeyPair subjectKeys, GeneralName san, boolean isCa) {
        try {
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    new X500Name("CN=" + name), BigInteger.valueOf(serial++),
                    Date.from(now.minus(1, ChronoUnit.HOURS)), Date.from(now.plus(1, ChronoUnit.DAYS)),
                    subject, subjectKeys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
            if (isCa) {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(san));
            }
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate());
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
