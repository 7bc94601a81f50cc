package io.calbridge.emulator.store;

import java.util.Collection;
import org.jspecify.annotations.Nullable;

/** The emulator's state: a set of tenants. The in-memory implementation is the only one. */
public interface Store {
    @Nullable Tenant tenant(String idOrDomain);

    /** Returns the tenant with this id, creating it empty if needed. */
    Tenant tenantOrCreate(String id, String domain);

    Collection<Tenant> tenants();

    /** Drops every tenant. */
    void reset();
}
