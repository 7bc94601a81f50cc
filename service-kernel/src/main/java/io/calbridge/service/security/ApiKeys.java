package io.calbridge.service.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The API keys a service accepts. Only SHA-256 hashes are configured, so configuration and logs never hold a
 * usable key. Configured as {@code calbridge.security.api-keys} (environment: {@code CALBRIDGE_API_KEYS}), a
 * comma-separated list of {@code name:tenants:sha256hex}, where {@code tenants} is {@code *} for an operator key
 * or tenant ids separated by {@code |}. Example: {@code ops:*:9f86d0…,kiosk-london:6f1c4a2e-…:2c26b4…}.
 */
public final class ApiKeys {

    private record Entry(byte[] hash, Caller caller) {}

    private final List<Entry> entries;

    private ApiKeys(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * Parses the configured list.
     *
     * @throws IllegalArgumentException naming the entry that is malformed
     */
    public static ApiKeys parse(String configured) {
        List<Entry> entries = new ArrayList<>();
        if (configured == null || configured.isBlank()) {
            return new ApiKeys(entries);
        }
        for (String raw : configured.split(",")) {
            String item = raw.strip();
            if (item.isEmpty()) {
                continue;
            }
            String[] parts = item.split(":");
            if (parts.length != 3 || parts[0].isBlank() || parts[1].isBlank() || !parts[2].matches("[0-9a-fA-F]{64}")) {
                throw new IllegalArgumentException("calbridge.security.api-keys entry '" + redact(item)
                        + "' is not name:tenants:sha256hex (tenants is * or ids separated by |)");
            }
            boolean operator = parts[1].equals("*");
            Set<String> tenants = operator ? Set.of() : new LinkedHashSet<>(Arrays.asList(parts[1].split("\\|")));
            entries.add(new Entry(HexFormat.of().parseHex(parts[2].toLowerCase()), new Caller(parts[0], tenants, operator)));
        }
        return new ApiKeys(entries);
    }

    /** The caller a presented key belongs to; compares hashes in constant time. */
    public Optional<Caller> authenticate(String presentedKey) {
        if (presentedKey == null || presentedKey.isBlank()) {
            return Optional.empty();
        }
        byte[] hash = sha256(presentedKey);
        Caller found = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.hash(), hash)) {
                found = entry.caller();
            }
        }
        return Optional.ofNullable(found);
    }

    /** Whether any key is configured; without one, every API call is refused. */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The configuration line for a key, for tools that generate keys. */
    public static String entryFor(String name, String tenants, String key) {
        return name + ":" + tenants + ":" + HexFormat.of().formatHex(sha256(key));
    }

    static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static String redact(String item) {
        int last = item.lastIndexOf(':');
        return last < 0 ? item : item.substring(0, last + 1) + "…";
    }
}
