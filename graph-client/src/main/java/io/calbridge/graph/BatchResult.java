package io.calbridge.graph;

import com.microsoft.kiota.serialization.JsonParseNodeFactory;
import com.microsoft.kiota.serialization.Parsable;
import com.microsoft.kiota.serialization.ParsableFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of every step of a {@link TenantGraph#batch}: each step ran exactly once to success, or failed.
 *
 * @param steps       by step id, in the order given
 * @param httpBatches how many {@code $batch} HTTP requests succeeded in carrying the steps (retries included)
 */
public record BatchResult(Map<String, Step> steps, int httpBatches) {

    public BatchResult {
        steps = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(steps));
    }

    /**
     * One step's outcome.
     *
     * @param status           Graph's status for the step; for a step that failed because a dependency failed, 424
     * @param body             the step's JSON response body, or null
     * @param failure          null when the step succeeded
     * @param failedDependency for a 424, the id of the step whose failure caused it (followed to the root), else null
     * @param attempts         how many times the step was sent (a step that got 424 because its dependency was throttled is sent again)
     */
    public record Step(String id, int status, Map<String, String> headers, @Nullable String body,
                       @Nullable GraphFailure failure, @Nullable String failedDependency, int attempts) {

        public boolean succeeded() { return failure == null; }

        /** Deserializes the body into an SDK model, e.g. {@code step.as(Event::createFromDiscriminatorValue)}; throws the step's failure if it failed. */
        public <T extends Parsable> @Nullable T as(ParsableFactory<T> factory) {
            if (failure != null) throw failure;
            if (body == null) return null;
            return new JsonParseNodeFactory()
                    .getParseNode("application/json", new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)))
                    .getObjectValue(factory);
        }
    }

    public Step step(String id) {
        Step s = steps.get(id);
        if (s == null) throw new IllegalArgumentException("no step " + id);
        return s;
    }

    public boolean allSucceeded() {
        return steps.values().stream().allMatch(Step::succeeded);
    }
}
