package io.calbridge.provisioning.tenant.application;

import io.calbridge.common.crypto.CredentialSeal;
import io.calbridge.graph.CredentialMaterial;
import io.calbridge.provisioning.tenant.domain.CredentialKind;
import io.calbridge.provisioning.tenant.domain.InvalidCredential;
import io.calbridge.provisioning.tenant.domain.ServiceCredential;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Checks submitted credential material, derives its thumbprint and expiry, and seals it for
 * {@code tenantId/credentialId}. Certificates are kept as PEM (key and certificate) whatever form they came in.
 */
@Component
public class CredentialIntake {

    private final CredentialSeal seal;
    private final Clock clock;

    public CredentialIntake(CredentialSeal seal, Clock clock) {
        this.seal = seal;
        this.clock = clock;
    }

    public ServiceCredential accept(String tenantId, NewCredential submitted) {
        if (submitted == null || submitted.kind() == null) {
            throw new InvalidCredential("a credential needs its kind: CERTIFICATE (preferred) or CLIENT_SECRET");
        }
        Instant now = clock.instant();
        String credentialId = UUID.randomUUID().toString();
        String context = tenantId + "/" + credentialId;
        return switch (submitted.kind()) {
            case CLIENT_SECRET -> {
                if (submitted.secret() == null || submitted.secret().isBlank()) {
                    throw new InvalidCredential("a CLIENT_SECRET credential needs 'secret' (the secret's value, not its id)");
                }
                if (submitted.expiresAt() == null) {
                    throw new InvalidCredential("a CLIENT_SECRET credential needs 'expiresAt', the end date shown in Entra");
                }
                if (!submitted.expiresAt().isAfter(now)) {
                    throw new InvalidCredential("the client secret expired at " + submitted.expiresAt());
                }
                char[] secret = submitted.secret().toCharArray();
                try {
                    yield new ServiceCredential(credentialId, CredentialKind.CLIENT_SECRET, seal.seal(secret, context), null,
                            submitted.expiresAt(), now);
                } finally {
                    Arrays.fill(secret, '\0');
                }
            }
            case CERTIFICATE -> certificate(credentialId, context, submitted, now);
        };
    }

    private ServiceCredential certificate(String credentialId, String context, NewCredential submitted, Instant now) {
        CredentialMaterial.ClientCertificate certificate;
        try {
            if (submitted.certificatePem() != null && !submitted.certificatePem().isBlank()) {
                certificate = CredentialMaterial.ClientCertificate.fromPem(submitted.certificatePem());
            } else if (submitted.pkcs12Base64() != null && !submitted.pkcs12Base64().isBlank()) {
                char[] password = submitted.pkcs12Password() == null ? new char[0] : submitted.pkcs12Password().toCharArray();
                certificate = CredentialMaterial.ClientCertificate.fromPkcs12(
                        Base64.getMimeDecoder().decode(submitted.pkcs12Base64()), password);
                Arrays.fill(password, '\0');
            } else {
                throw new InvalidCredential("a CERTIFICATE credential needs 'certificatePem' (certificate and private key) "
                        + "or 'pkcs12Base64' with 'pkcs12Password'");
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidCredential("the certificate credential is unreadable: " + firstLine(e.getMessage()));
        }
        X509Certificate x509 = certificate.certificate();
        Instant expiresAt = x509.getNotAfter().toInstant();
        if (!expiresAt.isAfter(now)) {
            throw new InvalidCredential("the certificate expired at " + expiresAt);
        }
        char[] pem = pem(certificate).toCharArray();
        try {
            return new ServiceCredential(credentialId, CredentialKind.CERTIFICATE, seal.seal(pem, context), thumbprint(x509),
                    expiresAt, now);
        } finally {
            Arrays.fill(pem, '\0');
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    private static String pem(CredentialMaterial.ClientCertificate certificate) {
        Base64.Encoder encoder = Base64.getMimeEncoder(64, "\n".getBytes());
        try {
            return "-----BEGIN PRIVATE KEY-----\n" + encoder.encodeToString(certificate.key().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n-----BEGIN CERTIFICATE-----\n"
                    + encoder.encodeToString(certificate.certificate().getEncoded()) + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new InvalidCredential("the certificate cannot be encoded: " + e.getMessage());
        }
    }

    /** SHA-1 of the DER certificate in upper-case hex, as Entra ID shows it. */
    public static String thumbprint(X509Certificate certificate) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
