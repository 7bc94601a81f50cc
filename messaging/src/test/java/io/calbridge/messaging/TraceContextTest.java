package io.calbridge.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class TraceContextTest {

    @Test
    void parsesAndWritesTheW3cTraceparent() {
        String header = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

        TraceContext context = TraceContext.parse(header).orElseThrow();

        assertThat(context.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(context.spanId()).isEqualTo("00f067aa0ba902b7");
        assertThat(context.sampled()).isTrue();
        assertThat(context.traceparent()).isEqualTo(header);
    }

    @Test
    void rejectsMalformedValues() {
        assertThat(TraceContext.parse(null)).isEmpty();
        assertThat(TraceContext.parse("")).isEmpty();
        assertThat(TraceContext.parse("00-00000000000000000000000000000000-00f067aa0ba902b7-01")).as("zero trace id").isEmpty();
        assertThat(TraceContext.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01")).as("zero span id").isEmpty();
        assertThat(TraceContext.parse("ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")).as("version ff").isEmpty();
        assertThat(TraceContext.parse("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01")).as("upper case").isEmpty();
        assertThat(TraceContext.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra")).as("extra part in version 00").isEmpty();
    }

    @Test
    void continuingATraceKeepsItsIdUnderANewSpan() {
        TraceContext parent = TraceContext.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00").orElseThrow();

        try (var scope = TraceContext.continueOrStart(parent.traceparent())) {
            assertThat(scope.context().traceId()).isEqualTo(parent.traceId());
            assertThat(scope.context().spanId()).isNotEqualTo(parent.spanId());
            assertThat(scope.context().sampled()).isFalse();
            assertThat(MDC.get(TraceContext.TRACE_ID_KEY)).isEqualTo(parent.traceId());
            assertThat(TraceContext.current()).contains(scope.context());
        }
    }

    @Test
    void closingAScopeRestoresTheOuterTrace() {
        TraceContext outer = TraceContext.newTrace();

        try (var outerScope = outer.makeCurrent()) {
            try (var inner = TraceContext.continueOrStart("not a traceparent")) {
                assertThat(inner.context().traceId()).as("a malformed header begins a new trace").isNotEqualTo(outer.traceId());
            }
            assertThat(TraceContext.current()).contains(outer);
            assertThat(MDC.get(TraceContext.SPAN_ID_KEY)).isEqualTo(outer.spanId());
        }
        assertThat(TraceContext.current()).isEmpty();
        assertThat(MDC.get(TraceContext.TRACE_ID_KEY)).isNull();
    }
}
