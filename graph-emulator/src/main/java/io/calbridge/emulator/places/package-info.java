/** Graph <code>/places</code>: rooms and room lists. */
@NullMarked
package io.calbridge.emulator.places;

import org.jspecify.annotations.NullMarked;
