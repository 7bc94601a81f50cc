package io.calbridge.graph;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Certificates to trust for the token authority and Graph, for endpoints whose certificate is not in the JVM's
 * default trust store (the emulator's self-signed one, a corporate TLS proxy). Null in {@link TenantCredential} means the JVM default.
 */
public record TrustMaterial(KeyStore trustStore) {

    public static TrustMaterial fromPkcs12(Path path, char[] password) {
        try {
            return fromPkcs12(Files.readAllBytes(path), password);
        } catch (IOException e) {
            throw new IllegalArgumentException("Unreadable trust store " + path + ": " + e.getMessage(), e);
        }
    }

    public static TrustMaterial fromPkcs12(byte[] pkcs12, char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(pkcs12), password);
            return new TrustMaterial(store);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("Unreadable PKCS#12 trust store: " + e.getMessage(), e);
        }
    }

    X509TrustManager trustManager() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trustStore);
            for (TrustManager tm : factory.getTrustManagers()) {
                if (tm instanceof X509TrustManager x509) return x509;
            }
            throw new IllegalStateException("no X509TrustManager");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    SSLContext sslContext() {
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] {trustManager()}, null);
            return tls;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
