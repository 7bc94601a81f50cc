/** The emulator-scale scenario: single-item Graph latency and heap of the graph-emulator loaded with a large tenant. */
@NullMarked
package io.calbridge.bench.emulator;

import org.jspecify.annotations.NullMarked;
