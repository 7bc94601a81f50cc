package io.calbridge.provisioning.watch.adapter.in.web;

import io.calbridge.provisioning.watch.application.WatchDirectory;
import io.calbridge.service.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Runs the directory watch of a tenant now. */
@RestController
@Tag(name = "Enrollment")
public class DirectoryWatchController {

    private final WatchDirectory watch;

    public DirectoryWatchController(WatchDirectory watch) {
        this.watch = watch;
    }

    @PostMapping("/api/tenants/{tenantId}/directory-watch/run")
    @Operation(summary = "Read /users/delta now and publish joiners and leavers")
    public WatchDirectory.Report run(@Parameter(hidden = true) Caller caller, @PathVariable String tenantId) {
        caller.requireTenant(tenantId);
        return watch.watch(tenantId);
    }
}
