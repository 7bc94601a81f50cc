/**
 * Trace ids for every service: an HTTP request continues the caller's W3C {@code traceparent} (or begins a trace),
 * and the console log pattern shows the current trace and span ids. The messaging kernel carries them on through
 * the outbox and Kafka headers ({@link io.calbridge.messaging.TraceContext}).
 */
package io.calbridge.service.tracing;
