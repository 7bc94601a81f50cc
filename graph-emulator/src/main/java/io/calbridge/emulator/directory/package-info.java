/** Graph <code>/directory/administrativeUnits</code> and the membership of administrative units. */
@NullMarked
package io.calbridge.emulator.directory;

import org.jspecify.annotations.NullMarked;
