package io.calbridge.roombooking.room.adapter.in.web;

import io.calbridge.roombooking.room.application.RefreshRoomCatalog;
import io.calbridge.roombooking.room.domain.CatalogChanges;
import io.calbridge.service.security.Caller;
import io.calbridge.service.tenants.TenantRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** On-demand refresh of the room catalog from the Places API. */
@RestController
@Tag(name = "Rooms and availability")
public class RoomCatalogController {

    private final TenantRegistry tenants;
    private final RefreshRoomCatalog refresh;

    public RoomCatalogController(TenantRegistry tenants, RefreshRoomCatalog refresh) {
        this.tenants = tenants;
        this.refresh = refresh;
    }

    @PostMapping("/api/tenants/{tenantId}/rooms/refresh")
    @Operation(summary = "Reload the room catalog from the Places API", description = "Returns the rooms that"
            + " appeared and disappeared since the last refresh.")
    public CatalogChanges refresh(Caller caller, @PathVariable String tenantId) {
        caller.requireTenant(tenantId);
        tenants.require(tenantId);
        return refresh.refresh(tenantId);
    }
}
