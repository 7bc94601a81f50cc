package io.calbridge.roombooking.availability.adapter.in.web;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import org.jspecify.annotations.Nullable;
import org.springframework.core.convert.converter.Converter;
import org.springframework.stereotype.Component;

/**
 * Reads {@link Instant} request parameters ({@code start}, {@code end}) in the forms Spring's own {@code InstantFormatter}
 * accepts — ISO-8601 ({@code 2026-11-30T09:00:00Z}), epoch milliseconds, RFC 1123 — but picks the form from the text
 * instead of trying {@code Long.parseLong} first: that threw and caught a {@link NumberFormatException} for every ISO
 * parameter, two per availability request. Spring Boot registers converter beans after its default formatters, so
 * this one is used for String to Instant in MVC.
 */
@Component
public class InstantParameterConverter implements Converter<String, Instant> {

    @Override
    public @Nullable Instant convert(String text) {
        if (text.isBlank()) {
            return null;
        }
        if (Character.isAlphabetic(text.charAt(0))) {
            return Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(text));
        }
        if (isEpochMillis(text)) {
            return Instant.ofEpochMilli(Long.parseLong(text));
        }
        return Instant.parse(text);
    }

    /** An optionally signed run of at most 18 digits: always fits a long, so parsing it cannot throw. */
    private static boolean isEpochMillis(String text) {
        int first = text.charAt(0) == '-' || text.charAt(0) == '+' ? 1 : 0;
        if (text.length() == first || text.length() - first > 18) {
            return false;
        }
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
