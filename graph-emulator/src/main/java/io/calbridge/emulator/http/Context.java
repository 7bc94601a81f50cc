package io.calbridge.emulator.http;

import io.calbridge.emulator.odata.GraphException;
import io.calbridge.emulator.store.Store;
import io.calbridge.emulator.store.Tenant;

/** Helpers handlers share: the caller's tenant. */
public final class Context {
    private Context() {}

    public static Tenant tenant(Store store, GraphRequest r) {
        Tenant t = store.tenant(r.caller().tenantId());
        if (t == null) throw new GraphException(401, "InvalidAuthenticationToken", "Access token validation failure. Invalid issuer.");
        return t;
    }
}
