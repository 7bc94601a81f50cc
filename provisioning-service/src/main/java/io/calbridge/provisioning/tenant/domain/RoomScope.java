package io.calbridge.provisioning.tenant.domain;

import java.util.List;

/**
 * Which rooms are enrolled: the rooms of these room lists, put into {@code scopeObjectId} (null: the people scope).
 *
 * @param roomListAddresses SMTP addresses of the room lists (Places wants the address, not the id)
 * @param scopeObjectId     the administrative unit or group the rooms go into; null to use the people scope's
 */
public record RoomScope(List<String> roomListAddresses, String scopeObjectId) {

    public static final RoomScope NONE = new RoomScope(List.of(), null);

    public RoomScope {
        roomListAddresses = roomListAddresses == null ? List.of() : List.copyOf(roomListAddresses);
    }
}
