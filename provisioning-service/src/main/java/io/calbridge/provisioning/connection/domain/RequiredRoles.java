package io.calbridge.provisioning.connection.domain;

import io.calbridge.provisioning.tenant.domain.Strategy;
import java.util.ArrayList;
import java.util.List;

/**
 * Which Graph application permissions (token {@code roles}) a strategy needs. With RBAC for Applications the
 * calendar permission comes from Exchange, not Entra: {@code Calendars.ReadWrite} in the token then means
 * tenant-wide consent, which makes the scope meaningless (grants are a union, GRAPH-FACTS §4.2).
 */
public final class RequiredRoles {

    public static final String CALENDARS = "Calendars.ReadWrite";

    private RequiredRoles() {
    }

    /** Roles that must be in the token. */
    public static List<String> inToken(Strategy strategy) {
        List<String> roles = new ArrayList<>();
        if (!strategy.exchangeRbac()) {
            roles.add(CALENDARS);
        }
        roles.add("Place.Read.All");
        roles.add("User.Read.All");
        roles.addAll(strategy.scopeWriteRoles());
        return roles;
    }

    /** Whether {@code Calendars.ReadWrite} in the token defeats the strategy's scope. */
    public static boolean tenantWideCalendarsDefeatsScope(Strategy strategy) {
        return strategy.exchangeRbac();
    }
}
