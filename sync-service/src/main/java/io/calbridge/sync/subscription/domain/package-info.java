/** Subscriptions, their secret clientState, and the notifications Graph delivers. */
package io.calbridge.sync.subscription.domain;
