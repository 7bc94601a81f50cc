/** The bench harness: one command per scenario, each figure printed and saved next to the limit or baseline it is measured against. */
@NullMarked
package io.calbridge.bench;

import org.jspecify.annotations.NullMarked;
