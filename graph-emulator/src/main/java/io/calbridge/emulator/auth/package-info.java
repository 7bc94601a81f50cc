/** The Entra ID side: token endpoint, signing keys, OIDC discovery, TLS material and mailbox access scoping. */
@NullMarked
package io.calbridge.emulator.auth;

import org.jspecify.annotations.NullMarked;
