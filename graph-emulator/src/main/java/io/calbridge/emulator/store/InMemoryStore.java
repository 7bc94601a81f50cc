package io.calbridge.emulator.store;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/** Tenants in a concurrent map, addressable by id or domain name. */
public final class InMemoryStore implements Store {
    private final Map<String, Tenant> tenants = new ConcurrentHashMap<>();

    @Override
    public @Nullable Tenant tenant(String idOrDomain) {
        Tenant t = tenants.get(idOrDomain);
        if (t != null) return t;
        for (Tenant x : tenants.values()) if (x.domain.equalsIgnoreCase(idOrDomain.toLowerCase(Locale.ROOT))) return x;
        return null;
    }

    @Override
    public Tenant tenantOrCreate(String id, String domain) {
        return tenants.computeIfAbsent(id, k -> new Tenant(id, domain));
    }

    @Override
    public Collection<Tenant> tenants() { return tenants.values(); }

    @Override
    public void reset() { tenants.clear(); }
}
