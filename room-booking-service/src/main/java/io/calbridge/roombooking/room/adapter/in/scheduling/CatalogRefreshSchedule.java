package io.calbridge.roombooking.room.adapter.in.scheduling;

import io.calbridge.roombooking.room.application.RefreshRoomCatalog;
import io.calbridge.roombooking.room.application.Rooms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Refreshes every tenant's room catalog periodically ({@code roombooking.catalog.refresh-interval}). */
@Component
public class CatalogRefreshSchedule {

    private static final Logger log = LoggerFactory.getLogger(CatalogRefreshSchedule.class);

    private final Rooms rooms;
    private final RefreshRoomCatalog refresh;

    public CatalogRefreshSchedule(Rooms rooms, RefreshRoomCatalog refresh) {
        this.rooms = rooms;
        this.refresh = refresh;
    }

    @Scheduled(initialDelayString = "${roombooking.catalog.initial-delay:PT30S}",
            fixedDelayString = "${roombooking.catalog.refresh-interval:PT6H}")
    public void refreshAll() {
        for (String tenantId : rooms.tenants()) {
            try {
                refresh.refresh(tenantId);
            } catch (RuntimeException e) {
                log.warn("Room catalog of tenant {} not refreshed: {}", tenantId, e.getMessage());
            }
        }
    }
}
