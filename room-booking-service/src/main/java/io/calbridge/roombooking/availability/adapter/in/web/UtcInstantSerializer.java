package io.calbridge.roombooking.availability.adapter.in.web;

import java.time.Instant;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * Writes an {@link Instant} exactly as Jackson's own serializer does ({@link Instant#toString()}, ISO-8601 in UTC), with
 * a fast path for whole seconds in years 1000–9999, which is every slot of a calendar. An availability answer for 100
 * rooms holds a few thousand instants; formatting them through {@code DateTimeFormatter} was a quarter of the request's
 * CPU and its largest source of short-lived garbage after the database rows.
 */
final class UtcInstantSerializer extends StdSerializer<Instant> {

    private static final long SECONDS_PER_DAY = 86_400;
    private static final long FIRST = Instant.parse("1000-01-01T00:00:00Z").getEpochSecond();
    private static final long LAST = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();

    UtcInstantSerializer() {
        super(Instant.class);
    }

    @Override
    public void serialize(Instant value, JsonGenerator gen, SerializationContext context) {
        char[] text = format(value);
        if (text == null) {
            gen.writeString(value.toString());
        } else {
            gen.writeString(text, 0, text.length);
        }
    }

    /** {@code yyyy-MM-ddTHH:mm:ssZ}, or null when the instant has a fraction of a second or a year outside 1000–9999. */
    static char @Nullable [] format(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (instant.getNano() != 0 || seconds < FIRST || seconds > LAST) {
            return null;
        }
        long day = Math.floorDiv(seconds, SECONDS_PER_DAY);
        int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
        LocalDate date = LocalDate.ofEpochDay(day);
        char[] out = new char[20];
        digits(out, 0, date.getYear(), 4);
        out[4] = '-';
        digits(out, 5, date.getMonthValue(), 2);
        out[7] = '-';
        digits(out, 8, date.getDayOfMonth(), 2);
        out[10] = 'T';
        digits(out, 11, secondOfDay / 3600, 2);
        out[13] = ':';
        digits(out, 14, secondOfDay / 60 % 60, 2);
        out[16] = ':';
        digits(out, 17, secondOfDay % 60, 2);
        out[19] = 'Z';
        return out;
    }

    private static void digits(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
