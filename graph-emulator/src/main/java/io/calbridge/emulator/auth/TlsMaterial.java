package io.calbridge.emulator.auth;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A self-signed RSA certificate made at start for {@code localhost} and {@code 127.0.0.1}, written out
 * as PEM and as a PKCS12 trust store so MSAL4J (which only accepts https authorities) can trust it.
 * The static {@link #selfSigned} helper also makes app credentials for client-assertion tests.
 */
public final class TlsMaterial {
    /** A key pair and its self-signed certificate. */
    public record KeyAndCert(KeyPair keyPair, X509Certificate certificate) {
        public String x5t() { return Jwt.b64(digest("SHA-1", certificate)); }
        public String x5tS256() { return Jwt.b64(digest("SHA-256", certificate)); }
        public String pem() { return TlsMaterial.pem(certificate); }
    }

    private final KeyAndCert server;
    private final Path trustStore;
    private final Path certificatePem;
    private final char[] password;

    private TlsMaterial(KeyAndCert server, Path trustStore, Path certificatePem, char[] password) {
        this.server = server;
        this.trustStore = trustStore;
        this.certificatePem = certificatePem;
        this.password = password;
    }

    /** Generates the server certificate and writes {@code emulator-cert.pem} and {@code emulator-truststore.p12} into {@code dir}. */
    public static TlsMaterial create(Path dir) {
        return create(dir, "127.0.0.1");
    }

    /** As {@link #create(Path)}, with {@code publicHost} also among the certificate's names. */
    public static TlsMaterial create(Path dir, String publicHost) {
        try {
            KeyAndCert kc = selfSigned("localhost", publicHost);
            char[] pw = "emulator".toCharArray();
            Files.createDirectories(dir);
            Path pem = dir.resolve("emulator-cert.pem");
            Files.writeString(pem, pem(kc.certificate()));
            KeyStore ts = KeyStore.getInstance("PKCS12");
            ts.load(null, pw);
            ts.setCertificateEntry("graph-emulator", kc.certificate());
            Path p12 = dir.resolve("emulator-truststore.p12");
            try (OutputStream out = Files.newOutputStream(p12)) {
                ts.store(out, pw);
            }
            return new TlsMaterial(kc, p12, pem, pw);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot create TLS material", e);
        }
    }

    /** A 2048-bit RSA key and a one-year self-signed certificate with SANs localhost and 127.0.0.1. */
    public static KeyAndCert selfSigned(String cn) {
        return selfSigned(cn, "127.0.0.1");
    }

    /** As {@link #selfSigned(String)}, with {@code extraHost} (a name or an IPv4 address) as one more SAN. */
    public static KeyAndCert selfSigned(String cn, String extraHost) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            KeyPair kp = g.generateKeyPair();
            X500Name name = new X500Name("CN=" + cn);
            Instant now = Instant.now();
            var builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(365))), name, kp.getPublic());
            var names = new java.util.LinkedHashSet<GeneralName>(java.util.List.of(
                    new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
            names.add(extraHost.matches("[0-9.]+") ? new GeneralName(GeneralName.iPAddress, extraHost)
                    : new GeneralName(GeneralName.dNSName, extraHost));
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            var signer = new JcaContentSignerBuilder("SHA256withRSA").build(kp.getPrivate());
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(builder.build(signer));
            return new KeyAndCert(kp, cert);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create a self-signed certificate", e);
        }
    }

    public SSLContext serverContext() {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, password);
            ks.setKeyEntry("server", server.keyPair().getPrivate(), password, new X509Certificate[] {server.certificate()});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, password);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client context that trusts exactly the emulator's certificate. */
    public SSLContext clientContext() {
        try {
            KeyStore ts = KeyStore.getInstance("PKCS12");
            ts.load(null, password);
            ts.setCertificateEntry("graph-emulator", server.certificate());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ts);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path trustStore() { return trustStore; }
    public Path certificatePem() { return certificatePem; }
    public char[] password() { return password.clone(); }

    static byte[] digest(String alg, X509Certificate c) {
        try {
            return MessageDigest.getInstance(alg).digest(c.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String pem(X509Certificate c) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(c.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a PEM (or bare base64 DER) X.509 certificate. */
    public static X509Certificate parseCertificate(String pemOrBase64) {
        String b64 = pemOrBase64.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            var cf = java.security.cert.CertificateFactory.getInstance("X.509");
            return (X509Certificate) cf.generateCertificate(new java.io.ByteArrayInputStream(Base64.getDecoder().decode(b64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an X.509 certificate", e);
        }
    }

    public static String thumbprint(String alg, X509Certificate c) { return Jwt.b64(digest(alg, c)); }
}
