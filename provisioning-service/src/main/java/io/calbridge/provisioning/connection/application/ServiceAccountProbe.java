package io.calbridge.provisioning.connection.application;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** What the connection test asks Graph and Entra ID through the tenant's service account. */
public interface ServiceAccountProbe {

    /** A token was issued, with these roles. */
    record Token(Set<String> roles, Instant expiresAt) {}

    /** How a read went. */
    enum Access { READABLE, DENIED, NOT_FOUND, ERROR }

    record Read(Access access, String detail) {}

    /**
     * Acquires an app-only token.
     *
     * @throws CredentialRejected when Entra ID refuses the credential
     */
    Token token(String tenantId);

    /** Reads the mailbox's calendar ({@code GET /users/{m}/events?$top=1}). */
    Read readCalendar(String tenantId, String mailbox);

    /**
     * The addresses of the room list's rooms (Places).
     *
     * @throws RuntimeException with Graph's error when the list cannot be read
     */
    List<String> roomsOf(String tenantId, String roomListAddress);

    /** Entra ID refused the credential; {@code expired} for AADSTS7000222. */
    class CredentialRejected extends RuntimeException {
        private final boolean expired;

        public CredentialRejected(String message, boolean expired) {
            super(message);
            this.expired = expired;
        }

        public boolean expired() {
            return expired;
        }
    }
}
