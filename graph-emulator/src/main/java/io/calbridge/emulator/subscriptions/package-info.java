/** Graph change-notification subscriptions, the validation handshake and webhook delivery. */
@NullMarked
package io.calbridge.emulator.subscriptions;

import org.jspecify.annotations.NullMarked;
