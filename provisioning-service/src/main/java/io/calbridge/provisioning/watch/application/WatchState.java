package io.calbridge.provisioning.watch.application;

import java.util.Optional;

/** Where each tenant's delta link is kept. */
public interface WatchState {

    Optional<String> deltaLink(String tenantId);

    void saveDeltaLink(String tenantId, String deltaLink);
}
