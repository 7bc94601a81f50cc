package io.calbridge.roombooking.room.application;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Rooms become bookable when provisioning connects their mailbox, and stop being bookable when it disconnects. */
public class TrackRoomAccounts {

    private static final Logger log = LoggerFactory.getLogger(TrackRoomAccounts.class);

    private final Rooms rooms;

    public TrackRoomAccounts(Rooms rooms) {
        this.rooms = rooms;
    }

    public void connected(String tenantId, String mailboxId, String email, String displayName, String roomList) {
        rooms.connect(tenantId, email.toLowerCase(Locale.ROOT), mailboxId, displayName,
                roomList == null ? null : roomList.toLowerCase(Locale.ROOT));
        log.info("Room {} ({}) of tenant {} is bookable", email, mailboxId, tenantId);
    }

    public void disconnected(String tenantId, String mailboxId, String email) {
        rooms.disconnect(tenantId, mailboxId, email.toLowerCase(Locale.ROOT));
        log.info("Room {} ({}) of tenant {} is no longer bookable", email, mailboxId, tenantId);
    }
}
