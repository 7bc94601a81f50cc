/** Mailboxes the service account can or can no longer act on, on {@link io.calbridge.common.Topics#ACCOUNTS}. */
package io.calbridge.common.events.account;
