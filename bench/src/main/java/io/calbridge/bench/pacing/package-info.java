/** The graph-pacing scenario: request rates the Graph access layer achieves against the emulator's throttling limits. */
@NullMarked
package io.calbridge.bench.pacing;

import org.jspecify.annotations.NullMarked;
