package io.calbridge.common.events.directory;

import io.calbridge.common.Topics;
import io.calbridge.common.events.CalbridgeEvent;

/** Every event on {@link Topics#DIRECTORY_USERS}; consumers switch over it exhaustively. */
public sealed interface DirectoryEvent extends CalbridgeEvent permits UserOnboarded, UserOffboarded {

    /** The user's Microsoft Entra object id (a GUID string); the second half of the key. */
    String userId();

    /** How the fact reached Calbridge. */
    DirectorySource source();

    @Override
    default String subject() {
        return CalbridgeEvent.subjectOf(tenantId(), userId());
    }

    @Override
    default String topic() {
        return Topics.DIRECTORY_USERS;
    }
}
