package io.calbridge.graph;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What proves a service account's identity to Entra ID: a certificate (preferred) or a client secret.
 * {@code toString()} never shows the secret or the key.
 */
public sealed interface CredentialMaterial permits CredentialMaterial.ClientSecret, CredentialMaterial.ClientCertificate {

    /** When Entra ID stops accepting this material; null when unknown (a secret whose expiry was not recorded). */
    @Nullable Instant expiresAt();

    /** A stable hash of the material, so a rotated credential gets a fresh client while the old one is evicted. */
    String fingerprint();

    /**
     * A client secret. The array is copied in; callers may wipe theirs.
     *
     * @param expiresAt the secret's end date as registered in Entra ID, or null when unknown
     */
    record ClientSecret(char[] value, @Nullable Instant expiresAt) implements CredentialMaterial {
        public ClientSecret {
            if (value.length == 0) throw new IllegalArgumentException("empty client secret");
            value = value.clone();
        }

        @Override public char[] value() { return value.clone(); }

        @Override public String fingerprint() {
            return sha256(new String(value).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        @Override public boolean equals(Object o) {
            return o instanceof ClientSecret s && Arrays.equals(value, s.value) && java.util.Objects.equals(expiresAt, s.expiresAt);
        }

        @Override public int hashCode() { return Arrays.hashCode(value); }

        @Override public String toString() { return "ClientSecret[value=***, expiresAt=" + expiresAt + "]"; }
    }

    /** A certificate credential: the private key signs the client assertion, the certificate's thumbprint names it. */
    record ClientCertificate(PrivateKey key, X509Certificate certificate) implements CredentialMaterial {

        @Override public Instant expiresAt() { return certificate.getNotAfter().toInstant(); }

        @Override public String fingerprint() {
            try {
                return sha256(certificate.getEncoded());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override public String toString() {
            return "ClientCertificate[subject=" + certificate.getSubjectX500Principal().getName()
                    + ", thumbprint=" + fingerprint() + ", notAfter=" + expiresAt() + "]";
        }

        /**
         * Reads an unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}) or PKCS#1 RSA ({@code BEGIN RSA PRIVATE KEY}) key
         * and the first {@code BEGIN CERTIFICATE} block from one PEM text.
         */
        public static ClientCertificate fromPem(String pem) {
            try {
                X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(block(pem, "CERTIFICATE")));
                Matcher rsa = pemBlock("RSA PRIVATE KEY").matcher(pem);
                byte[] pkcs8 = rsa.find() ? wrapPkcs1(decode(rsa.group(1))) : block(pem, "PRIVATE KEY");
                String algorithm = cert.getPublicKey().getAlgorithm();
                PrivateKey key = KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
                return new ClientCertificate(key, cert);
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException("Unreadable PEM certificate credential: " + e.getMessage(), e);
            }
        }

        /** Reads the first key entry of a PKCS#12 store; the same password protects the store and the key. */
        public static ClientCertificate fromPkcs12(byte[] pkcs12, char[] password) {
            try {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(new ByteArrayInputStream(pkcs12), password);
                for (String alias : Collections.list(store.aliases())) {
                    if (store.isKeyEntry(alias)) {
                        return new ClientCertificate((PrivateKey) store.getKey(alias, password),
                                (X509Certificate) store.getCertificate(alias));
                    }
                }
                throw new IllegalArgumentException("PKCS#12 store holds no private key entry");
            } catch (GeneralSecurityException | java.io.IOException e) {
                throw new IllegalArgumentException("Unreadable PKCS#12 certificate credential: " + e.getMessage(), e);
            }
        }

        private static Pattern pemBlock(String type) {
            return Pattern.compile("-----BEGIN " + type + "-----([A-Za-z0-9+/=\\s]+)-----END " + type + "-----");
        }

        private static byte[] block(String pem, String type) {
            Matcher m = pemBlock(type).matcher(pem);
            if (!m.find()) throw new IllegalArgumentException("PEM has no '" + type + "' block");
            return decode(m.group(1));
        }

        private static byte[] decode(String base64) {
            return Base64.getMimeDecoder().decode(base64.replaceAll("\\s", ""));
        }

        /** PKCS#1 RSAPrivateKey inside a PKCS#8 PrivateKeyInfo, since the JDK reads only the latter. */
        private static byte[] wrapPkcs1(byte[] pkcs1) {
            byte[] algorithmId = HexFormat.of().parseHex("020100300d06092a864886f70d0101010500");
            byte[] octets = der(0x04, pkcs1);
            byte[] body = new byte[algorithmId.length + octets.length];
            System.arraycopy(algorithmId, 0, body, 0, algorithmId.length);
            System.arraycopy(octets, 0, body, algorithmId.length, octets.length);
            return der(0x30, body);
        }

        private static byte[] der(int tag, byte[] content) {
            int n = content.length;
            byte[] len = n < 0x80 ? new byte[] {(byte) n}
                    : n < 0x100 ? new byte[] {(byte) 0x81, (byte) n}
                    : n < 0x10000 ? new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n}
                    : new byte[] {(byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
            byte[] out = new byte[1 + len.length + n];
            out[0] = (byte) tag;
            System.arraycopy(len, 0, out, 1, len.length);
            System.arraycopy(content, 0, out, 1 + len.length, n);
            return out;
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
