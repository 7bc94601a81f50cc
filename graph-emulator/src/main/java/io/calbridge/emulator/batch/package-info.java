/** Graph JSON batching (<code>/$batch</code>). */
@NullMarked
package io.calbridge.emulator.batch;

import org.jspecify.annotations.NullMarked;
