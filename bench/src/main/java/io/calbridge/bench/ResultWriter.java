package io.calbridge.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Renders a {@link Report} as a console/Markdown table and writes {@code <scenario>.json} and {@code <scenario>.md}. */
public final class ResultWriter {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private ResultWriter() {
    }

    /** Writes both files into {@code directory}, replacing the previous result of the scenario. */
    public static List<Path> write(Report report, Path directory) throws IOException {
        Files.createDirectories(directory);
        Path json = directory.resolve(report.scenario() + ".json");
        Path markdown = directory.resolve(report.scenario() + ".md");
        Files.writeString(json, JSON.writeValueAsString(toJson(report)) + "\n", StandardCharsets.UTF_8);
        Files.writeString(markdown, markdown(report), StandardCharsets.UTF_8);
        return List.of(json, markdown);
    }

    /** The Markdown document: heading, environment, figure table, notes. */
    public static String markdown(Report report) {
        var out = new StringBuilder();
        out.append("# Bench: ").append(report.scenario()).append("\n\n");
        out.append("Run ").append(report.startedAt()).append(", ").append(format(report.durationSec())).append(" s. ");
        report.environment().forEach((k, v) -> out.append(k).append(": ").append(v).append("; "));
        out.setLength(out.length() - 2);
        out.append(".\n\n").append(table(report)).append("\n");
        for (String note : report.notes()) {
            out.append("- ").append(note).append("\n");
        }
        return out.toString();
    }

    /** The figure table in Markdown, which also reads well on a console. */
    public static String table(Report report) {
        var out = new StringBuilder("| figure | value | reference | ratio | verdict |\n|---|---:|---:|---:|---|\n");
        for (Figure f : report.figures()) {
            Double ratio = f.ratio();
            out.append("| ").append(f.name())
                    .append(" | ").append(format(f.value())).append(' ').append(f.unit())
                    .append(" | ").append(f.reference() == null ? "—" : format(f.reference()) + " " + f.unit() + " (" + f.referenceLabel() + ")")
                    .append(" | ").append(ratio == null ? "—" : String.format(Locale.ROOT, "%.2f×", ratio))
                    .append(" | ").append(f.verdict())
                    .append(" |\n");
        }
        return out.toString();
    }

    private static Map<String, Object> toJson(Report report) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("scenario", report.scenario());
        json.put("startedAt", report.startedAt().toString());
        json.put("durationSec", round(report.durationSec()));
        json.put("environment", report.environment());
        json.put("allMet", report.allMet());
        json.put("figures", report.figures().stream().map(f -> {
            Map<String, Object> figure = new LinkedHashMap<>();
            figure.put("name", f.name());
            figure.put("value", round(f.value()));
            figure.put("unit", f.unit());
            figure.put("reference", f.reference() == null ? null : round(f.reference()));
            figure.put("referenceLabel", f.referenceLabel());
            figure.put("kind", f.kind().name().toLowerCase(Locale.ROOT));
            figure.put("better", f.better().name().toLowerCase(Locale.ROOT));
            figure.put("ratio", f.ratio() == null ? null : round(f.ratio()));
            figure.put("verdict", f.verdict());
            return figure;
        }).toList());
        json.put("notes", report.notes());
        return json;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private static String format(double value) {
        if (Math.abs(value) >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
