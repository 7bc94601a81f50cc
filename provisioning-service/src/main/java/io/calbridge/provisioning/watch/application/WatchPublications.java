package io.calbridge.provisioning.watch.application;

/** Publishes joiners and leavers the watch found on {@code directory.users} (source DIRECTORY_WATCH). */
public interface WatchPublications {

    void onboarded(String tenantId, DirectoryDelta.UserChange user);

    void offboarded(String tenantId, DirectoryDelta.UserChange user);
}
