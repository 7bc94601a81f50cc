/**
 * The room-booking scenario: room-booking-service run from its jar, availability from its index against the
 * getSchedule path, booking throughput under contention, and double bookings counted in the emulator's room calendars.
 */
@NullMarked
package io.calbridge.bench.booking;

import org.jspecify.annotations.NullMarked;
