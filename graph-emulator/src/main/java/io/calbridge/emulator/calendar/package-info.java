/** Graph events, calendarView, calendarView delta, getSchedule and the room booking assistant. */
@NullMarked
package io.calbridge.emulator.calendar;

import org.jspecify.annotations.NullMarked;
