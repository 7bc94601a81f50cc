/** Books rooms and keeps bookings consistent with room calendars, never double-booked. */
package io.calbridge.roombooking.booking;
