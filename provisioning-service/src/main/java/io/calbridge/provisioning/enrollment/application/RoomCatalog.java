package io.calbridge.provisioning.enrollment.application;

import java.util.List;

/** The rooms of a tenant's room lists (Places API), with each room account's Entra object id. */
public interface RoomCatalog {

    /** A room mailbox. */
    record Room(String userId, String address, String displayName) {}

    /** Every room of the room list, with its Entra object id resolved. Blocks. */
    List<Room> roomsOf(String tenantId, String roomListAddress);
}
