package io.calbridge.roombooking.availability.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InstantParameterConverterTest {

    private final InstantParameterConverter converter = new InstantParameterConverter();

    @Test
    void readsTheFormsSpringsInstantFormatterReads() {
        Instant t = Instant.parse("2026-11-30T09:00:00Z");
        assertThat(converter.convert("2026-11-30T09:00:00Z")).isEqualTo(t);
        assertThat(converter.convert("2026-11-30T09:00:00.250Z")).isEqualTo(t.plusMillis(250));
        assertThat(converter.convert(Long.toString(t.toEpochMilli()))).isEqualTo(t);
        assertThat(converter.convert("-1000")).isEqualTo(Instant.EPOCH.minusSeconds(1));
        assertThat(converter.convert("Mon, 30 Nov 2026 09:00:00 GMT")).isEqualTo(t);
    }

    @Test
    void blankIsNoValueAndGarbageIsRefused() {
        assertThat(converter.convert("")).isNull();
        assertThat(converter.convert(" ")).isNull();
        assertThatThrownBy(() -> converter.convert("-")).isInstanceOf(DateTimeException.class);
        assertThatThrownBy(() -> converter.convert("30/11/2026")).isInstanceOf(DateTimeException.class);
    }
}
