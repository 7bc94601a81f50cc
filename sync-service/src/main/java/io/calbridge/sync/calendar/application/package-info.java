/** Use cases of calendar sync (connect, request, run a delta round) and the ports they need. */
package io.calbridge.sync.calendar.application;
