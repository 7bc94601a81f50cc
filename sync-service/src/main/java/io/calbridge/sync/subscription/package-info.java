/** Change-notification subscriptions per mailbox, the webhook Graph calls, and the notifications it re-keys onto Kafka. */
package io.calbridge.sync.subscription;
