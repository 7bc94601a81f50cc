package io.calbridge.provisioning.scim.application;

import io.calbridge.provisioning.scim.domain.ScimUser;

/** Publishes joiners and leavers on {@code directory.users} (source SCIM), in the caller's transaction. */
public interface DirectoryPublications {

    void onboarded(ScimUser user, String correlationId);

    void offboarded(ScimUser user, String correlationId);
}
