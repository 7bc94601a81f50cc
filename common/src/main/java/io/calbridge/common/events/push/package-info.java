/** Requests from external apps to write Calbridge-owned calendar events, on {@link io.calbridge.common.Topics#PUSHES}. */
package io.calbridge.common.events.push;
