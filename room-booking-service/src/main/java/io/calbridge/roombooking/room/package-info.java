/** The tenant's room catalog from the Places API, and which rooms the service account may book. */
package io.calbridge.roombooking.room;
