/** Joiners and leavers on {@link io.calbridge.common.Topics#DIRECTORY_USERS}, keyed by {@code tenantId/userId}. */
package io.calbridge.common.events.directory;
