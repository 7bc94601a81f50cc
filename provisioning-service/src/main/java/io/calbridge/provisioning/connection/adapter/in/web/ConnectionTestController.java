package io.calbridge.provisioning.connection.adapter.in.web;

import io.calbridge.provisioning.connection.application.RunConnectionTest;
import io.calbridge.provisioning.connection.domain.ConnectionReport;
import io.calbridge.service.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** "Run test": a structured report of what the tenant's service account can and cannot reach. */
@RestController
@Tag(name = "Connection test")
public class ConnectionTestController {

    private final RunConnectionTest test;

    public ConnectionTestController(RunConnectionTest test) {
        this.test = test;
    }

    /**
     * @param inScopeMailbox    a mailbox the service account should reach; default from the policy
     * @param outOfScopeMailbox a mailbox it should be denied; default from the policy
     */
    public record ConnectionTestRequest(String inScopeMailbox, String outOfScopeMailbox) {}

    @PostMapping("/api/tenants/{tenantId}/connection-test")
    @Operation(summary = "Run the connection test: token, roles, in-scope read, out-of-scope denial, rooms, credential expiry")
    public ConnectionReport run(@Parameter(hidden = true) Caller caller, @PathVariable String tenantId,
                                @RequestBody(required = false) ConnectionTestRequest request) {
        caller.requireTenant(tenantId);
        ConnectionTestRequest r = request == null ? new ConnectionTestRequest(null, null) : request;
        return test.run(tenantId, blankToNull(r.inScopeMailbox()), blankToNull(r.outOfScopeMailbox()));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
