/** Use cases of subscriptions and notifications, and the ports they need. */
package io.calbridge.sync.subscription.application;
