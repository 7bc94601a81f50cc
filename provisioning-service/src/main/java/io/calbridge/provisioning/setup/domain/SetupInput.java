package io.calbridge.provisioning.setup.domain;

import io.calbridge.provisioning.tenant.domain.Strategy;
import java.util.List;

/**
 * What a setup script is generated from.
 *
 * @param tenantId                 Entra tenant id
 * @param tenantName               the organisation's name
 * @param clientId                 application (client) id
 * @param strategy                 scoping mechanism
 * @param scopeObjectId            administrative unit or group object id; null when it is still to be created
 * @param scopeName                its display name; null for the default name
 * @param roomListAddresses        room lists whose rooms are in scope
 * @param testMailbox              a mailbox to verify with; null for a placeholder
 * @param servicePrincipalObjectId the Enterprise application's object id; null for a placeholder
 * @param serviceAccount           on-premises service account (UPN); null for a placeholder
 */
public record SetupInput(String tenantId, String tenantName, String clientId, Strategy strategy, String scopeObjectId,
                         String scopeName, List<String> roomListAddresses, String testMailbox,
                         String servicePrincipalObjectId, String serviceAccount) {

    public SetupInput {
        roomListAddresses = roomListAddresses == null ? List.of() : List.copyOf(roomListAddresses);
    }
}
