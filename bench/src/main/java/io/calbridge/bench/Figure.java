package io.calbridge.bench;

import org.jspecify.annotations.Nullable;

/**
 * One measured figure next to what it is judged against.
 *
 * @param name           what was measured, e.g. {@code relay throughput}
 * @param value          the measurement
 * @param unit           unit of {@code value} and {@code reference}, e.g. {@code events/s}, {@code ms}
 * @param reference      the limit or baseline; null for a figure that is itself the baseline
 * @param referenceLabel what the reference is, e.g. {@code target}, {@code raw KafkaProducer, same run}
 * @param kind           whether the reference is a pass/fail limit or a baseline the value is only compared with
 * @param better         which direction is good
 */
public record Figure(String name, double value, String unit, @Nullable Double reference, String referenceLabel,
                     Kind kind, Better better) {

    /** How a figure relates to its reference. */
    public enum Kind {
        /** The reference is a limit or target; the figure meets it or misses it. */
        LIMIT,
        /** The reference is a baseline measured in the same run; the ratio is information, not a verdict. */
        VERSUS_BASELINE,
        /** The figure is a baseline for other figures and has no reference. */
        BASELINE,
        /** A measurement reported for information, with no limit or baseline (e.g. a setup time). */
        INFO
    }

    /** Whether a larger or a smaller value is the good direction. */
    public enum Better { HIGHER, LOWER }

    /** A figure with a pass/fail limit or target. */
    public static Figure limit(String name, double value, String unit, double limit, String label, Better better) {
        return new Figure(name, value, unit, limit, label, Kind.LIMIT, better);
    }

    /** A figure compared with a baseline measured in the same run. */
    public static Figure versus(String name, double value, String unit, double baseline, String label, Better better) {
        return new Figure(name, value, unit, baseline, label, Kind.VERSUS_BASELINE, better);
    }

    /** A baseline for other figures. */
    public static Figure baseline(String name, double value, String unit) {
        return new Figure(name, value, unit, null, "", Kind.BASELINE, Better.HIGHER);
    }

    /** A measurement without a reference, reported for information. */
    public static Figure info(String name, double value, String unit) {
        return new Figure(name, value, unit, null, "", Kind.INFO, Better.LOWER);
    }

    /** {@code value / reference}, or null without a reference. */
    public @Nullable Double ratio() {
        return reference == null || reference == 0 ? null : value / reference;
    }

    /** False only for a {@link Kind#LIMIT} figure on the wrong side of its limit (a limit of zero included). */
    public boolean meetsReference() {
        if (kind != Kind.LIMIT || reference == null) {
            return true;
        }
        // compared directly rather than through the ratio, so that a limit of zero (lost work, double bookings) holds
        return better == Better.HIGHER ? value >= reference : value <= reference;
    }

    /** {@code meets}, {@code MISSES}, {@code vs baseline}, {@code baseline} or {@code info}. */
    public String verdict() {
        return switch (kind) {
            case LIMIT -> meetsReference() ? "meets" : "MISSES";
            case VERSUS_BASELINE -> "vs baseline";
            case BASELINE -> "baseline";
            case INFO -> "info";
        };
    }
}
