/** In-memory tenant state behind the {@link io.calbridge.emulator.store.Store} interface. */
@NullMarked
package io.calbridge.emulator.store;

import org.jspecify.annotations.NullMarked;
