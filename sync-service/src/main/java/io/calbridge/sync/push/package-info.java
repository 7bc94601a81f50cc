/** Writes events that external apps own (the MyTimetable push) into connected calendars, idempotently. */
package io.calbridge.sync.push;
