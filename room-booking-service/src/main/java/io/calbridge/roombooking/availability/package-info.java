/** Free/busy of rooms from an index fed by sync's room calendar changes, with getSchedule while it is cold. */
package io.calbridge.roombooking.availability;
