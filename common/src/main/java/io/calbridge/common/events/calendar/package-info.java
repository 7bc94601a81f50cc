/** Changes sync observes in connected calendars, on {@link io.calbridge.common.Topics#CALENDAR_EVENTS}. */
package io.calbridge.common.events.calendar;
