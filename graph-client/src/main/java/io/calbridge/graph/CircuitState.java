package io.calbridge.graph;

/** A tenant's circuit breaker, for readiness and health: OPEN means calls to that tenant fail fast with {@link GraphFailure.CircuitOpen}. */
public enum CircuitState { CLOSED, OPEN, HALF_OPEN }
