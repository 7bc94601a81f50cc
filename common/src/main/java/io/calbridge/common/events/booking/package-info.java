/** Room bookings made, cancelled or declined by room-booking, on {@link io.calbridge.common.Topics#BOOKINGS}. */
package io.calbridge.common.events.booking;
