/** The control plane under <code>/_emulator/</code>: seed, reset, faults, counters and Outlook-user edits. */
@NullMarked
package io.calbridge.emulator.control;

import org.jspecify.annotations.NullMarked;
