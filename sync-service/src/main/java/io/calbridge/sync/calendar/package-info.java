/** Keeps the calendars of connected mailboxes in step with Graph through calendarView/delta and reports every change. */
package io.calbridge.sync.calendar;
