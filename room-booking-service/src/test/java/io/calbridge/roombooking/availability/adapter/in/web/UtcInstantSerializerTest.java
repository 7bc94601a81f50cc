package io.calbridge.roombooking.availability.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.calbridge.roombooking.availability.adapter.in.web.AvailabilityController.AvailabilityResponse.Slot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class UtcInstantSerializerTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void writesWhatJacksonsOwnInstantSerializerWrites() {
        List<Instant> instants = new ArrayList<>(List.of(
                Instant.parse("2026-11-30T09:00:00Z"), Instant.EPOCH, Instant.EPOCH.minusSeconds(1),
                Instant.parse("1000-01-01T00:00:00Z"), Instant.parse("0999-12-31T23:59:59Z"),
                Instant.parse("9999-12-31T23:59:59Z"), Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("2028-02-29T23:59:59Z"), Instant.parse("2026-11-30T09:00:00.250Z"),
                Instant.parse("2026-11-30T09:00:00.000000001Z"), Instant.MIN, Instant.MAX));
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            long seconds = random.nextLong(Instant.parse("0500-01-01T00:00:00Z").getEpochSecond(),
                    Instant.parse("+12000-01-01T00:00:00Z").getEpochSecond());
            instants.add(Instant.ofEpochSecond(seconds, i % 10 == 0 ? random.nextInt(1_000_000_000) : 0));
        }
        for (Instant instant : instants) {
            Slot slot = new Slot(instant, instant, "busy", null);
            String expected = "{\"start\":\"" + instant + "\",\"end\":\"" + instant + "\",\"status\":\"busy\",\"bookingId\":null}";
            assertThat(json.writeValueAsString(slot)).as("%s", instant).isEqualTo(expected);
            assertThat(json.writeValueAsString(instant)).isEqualTo("\"" + instant + "\"");
        }
    }

    @Test
    void takesTheFastPathOnlyForWholeSecondsOfFourDigitYears() {
        assertThat(UtcInstantSerializer.format(Instant.parse("2026-11-30T09:05:07Z")))
                .isEqualTo("2026-11-30T09:05:07Z".toCharArray());
        assertThat(UtcInstantSerializer.format(Instant.parse("2026-11-30T09:05:07.001Z"))).isNull();
        assertThat(UtcInstantSerializer.format(Instant.parse("0999-12-31T23:59:59Z"))).isNull();
        assertThat(UtcInstantSerializer.format(Instant.parse("+10000-01-01T00:00:00Z"))).isNull();
    }
}
