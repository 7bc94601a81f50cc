package io.calbridge.emulator.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.calbridge.emulator.odata.Json;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Base64;

/** Compact JWS by hand with java.security: RS256 signing, RS256 and PS256 verification. */
public final class Jwt {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder D64 = Base64.getUrlDecoder();

    /** A parsed but not yet verified token. */
    public record Parsed(ObjectNode header, ObjectNode claims, byte[] signingInput, byte[] signature) {
        public String alg() { return header.path("alg").asText(); }
    }

    private Jwt() {}

    public static String signRs256(ObjectNode header, ObjectNode claims, PrivateKey key) {
        header.put("alg", "RS256");
        String input = B64.encodeToString(Json.bytes(header)) + "." + B64.encodeToString(Json.bytes(claims));
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(key);
            s.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + B64.encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Splits and decodes; throws IllegalArgumentException for anything that is not a three-part JWS with JSON parts. */
    public static Parsed parse(String token) {
        String[] parts = token.split("\\.");
        if (parts.length != 3) throw new IllegalArgumentException("not a JWS compact serialization");
        try {
            ObjectNode header = (ObjectNode) Json.MAPPER.readTree(D64.decode(parts[0]));
            ObjectNode claims = (ObjectNode) Json.MAPPER.readTree(D64.decode(parts[1]));
            byte[] input = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
            return new Parsed(header, claims, input, D64.decode(parts[2]));
        } catch (Exception e) {
            throw new IllegalArgumentException("undecodable JWT", e);
        }
    }

    public static boolean verify(Parsed p, PublicKey key) {
        try {
            Signature s;
            switch (p.alg()) {
                case "RS256" -> s = Signature.getInstance("SHA256withRSA");
                case "PS256" -> {
                    s = Signature.getInstance("RSASSA-PSS");
                    s.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
                }
                default -> { return false; }
            }
            s.initVerify(key);
            s.update(p.signingInput());
            return s.verify(p.signature());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    public static String b64(byte[] bytes) { return B64.encodeToString(bytes); }
}
