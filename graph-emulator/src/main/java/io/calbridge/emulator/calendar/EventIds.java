package io.calbridge.emulator.calendar;

import io.calbridge.emulator.odata.GraphException;
import java.nio.ByteBuffer;
import java.util.concurrent.ThreadLocalRandom;
import java.time.Instant;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * Outlook-looking event ids ({@code AAMkA…}, base64url). An occurrence id encodes its series master's
 * id and its original start, so occurrences need no storage. Anything else is Graph's malformed-id 400.
 */
public final class EventIds {
    private static final String PREFIX = "AAMkA";
    private static final Base64.Encoder ENC = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DEC = Base64.getUrlDecoder();

    /** A decoded occurrence id. */
    public record Occurrence(String masterId, Instant originalStart) {}

    private EventIds() {}

    public static String newId() {
        byte[] b = new byte[19];
        // Ids only need to be unique, not unguessable; ThreadLocalRandom keeps bulk loads fast.
        ThreadLocalRandom.current().nextBytes(b);
        b[0] = 'E';
        return PREFIX + ENC.encodeToString(b);
    }

    public static String occurrence(String masterId, Instant originalStart) {
        byte[] master = DEC.decode(masterId.substring(PREFIX.length()));
        ByteBuffer buf = ByteBuffer.allocate(1 + master.length + 8);
        buf.put((byte) 'O').put(master, 1, master.length - 1).put((byte) 0).putLong(originalStart.getEpochSecond());
        return PREFIX + ENC.encodeToString(buf.array());
    }

    /** Returns the occurrence an id names, null for a stored event id; throws 400 for a malformed id. */
    public static @Nullable Occurrence parse(String id) {
        if (!id.startsWith(PREFIX)) throw GraphException.malformedId();
        byte[] b;
        try {
            b = DEC.decode(id.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw GraphException.malformedId();
        }
        if (b.length == 19 && b[0] == 'E') return null;
        if (b.length == 28 && b[0] == 'O') {
            byte[] master = new byte[19];
            master[0] = 'E';
            System.arraycopy(b, 1, master, 1, 18);
            long epoch = ByteBuffer.wrap(b, 20, 8).getLong();
            return new Occurrence(PREFIX + ENC.encodeToString(master), Instant.ofEpochSecond(epoch));
        }
        throw GraphException.malformedId();
    }
}
