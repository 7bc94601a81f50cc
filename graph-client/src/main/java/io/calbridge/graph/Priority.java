package io.calbridge.graph;

/** Which wait queue a call joins: interactive work (bookings, connection tests) is served before background work (sync, reconciliation). */
public enum Priority { INTERACTIVE, BACKGROUND }
