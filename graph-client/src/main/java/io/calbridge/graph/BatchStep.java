package io.calbridge.graph;

import com.microsoft.kiota.RequestInformation;
import java.util.List;
import java.util.Objects;

/**
 * One request of a {@code $batch}, built with the tenant's SDK client, e.g.
 * {@code BatchStep.of("1", graph.sdk().users().byUserId(room).events().toPostRequestInformation(event))}.
 *
 * @param id        unique within the batch (Graph compares ids without case)
 * @param request   a request built by this tenant's {@link TenantGraph#sdk()}; only JSON bodies are supported
 * @param dependsOn ids of steps that must succeed first; if one fails, this step fails with that step's failure
 */
public record BatchStep(String id, RequestInformation request, List<String> dependsOn) {

    public BatchStep {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(request, "request");
        dependsOn = List.copyOf(dependsOn);
    }

    public static BatchStep of(String id, RequestInformation request, String... dependsOn) {
        return new BatchStep(id, request, List.of(dependsOn));
    }
}
