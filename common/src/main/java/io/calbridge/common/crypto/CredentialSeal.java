package io.calbridge.common.crypto;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts credential material with AES-256-GCM under the deployment's shared key, bound to a context
 * (for example {@code tenantId/credentialId}) so that a sealed value copied to another tenant or credential
 * does not open. Output: base64 of a format byte, a 12-byte random nonce and the ciphertext with its tag.
 *
 * <p>Thread-safe. The key never leaves this object and {@link #toString()} does not show it.
 */
public final class CredentialSeal {

    private static final byte FORMAT_V1 = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    private CredentialSeal(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("the credential key must be 32 bytes (AES-256), got " + key.length);
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    /**
     * A seal from a base64-encoded 32-byte key, as held in the {@code CALBRIDGE_ENCRYPTION_KEY} environment
     * variable. Generate one with {@code openssl rand -base64 32}.
     *
     * @throws IllegalArgumentException when the text is not base64 of exactly 32 bytes
     */
    public static CredentialSeal fromBase64Key(String base64Key) {
        Objects.requireNonNull(base64Key, "base64Key");
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64Key.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the credential key is not valid base64", e);
        }
        try {
            return new CredentialSeal(raw);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    /** A fresh random key, base64-encoded, for first-time setups and tests. */
    public static String newBase64Key() {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        return Base64.getEncoder().encodeToString(raw);
    }

    /** Seals {@code secret} for {@code context}. */
    public String seal(char[] secret, String context) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(secret));
        byte[] plain = new byte[encoded.remaining()];
        encoded.get(plain);
        Arrays.fill(encoded.array(), (byte) 0);
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, context);
            byte[] sealed = cipher.doFinal(plain);
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length)
                    .put(FORMAT_V1).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /**
     * Opens a value sealed for the same context.
     *
     * @throws SealBrokenException when the value was not sealed with this key and context, or was altered
     */
    public char[] open(String sealed, String context) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(Objects.requireNonNull(sealed, "sealed"));
        } catch (IllegalArgumentException e) {
            throw new SealBrokenException("the sealed credential is not base64");
        }
        if (raw.length < 1 + NONCE_BYTES + TAG_BITS / 8 || raw[0] != FORMAT_V1) {
            throw new SealBrokenException("the sealed credential has an unknown format");
        }
        byte[] plain = null;
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, Arrays.copyOfRange(raw, 1, 1 + NONCE_BYTES), context);
            plain = cipher.doFinal(raw, 1 + NONCE_BYTES, raw.length - 1 - NONCE_BYTES);
            var chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(plain));
            char[] secret = new char[chars.remaining()];
            chars.get(secret);
            return secret;
        } catch (javax.crypto.AEADBadTagException e) {
            throw new SealBrokenException("the sealed credential does not open with this key for " + context);
        } catch (GeneralSecurityException e) {
            throw new SealBrokenException("the sealed credential could not be opened: " + e.getMessage());
        } finally {
            if (plain != null) {
                Arrays.fill(plain, (byte) 0);
            }
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String context) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(Objects.requireNonNull(context, "context").getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    @Override
    public String toString() {
        return "CredentialSeal[AES-256-GCM]";
    }

    /** A sealed value that does not open: wrong key, wrong context, or tampering. */
    public static final class SealBrokenException extends RuntimeException {
        public SealBrokenException(String message) {
            super(message);
        }
    }
}
