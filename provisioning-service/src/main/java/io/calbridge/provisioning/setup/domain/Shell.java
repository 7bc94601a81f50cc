package io.calbridge.provisioning.setup.domain;

import java.util.Locale;

/** Which PowerShell a setup script is for. */
public enum Shell {
    /** Microsoft Graph PowerShell (Microsoft.Graph module): app, permissions and consent, administrative unit or group. */
    GRAPH("graph"),
    /** Exchange Online PowerShell (ExchangeOnlineManagement): RBAC for Applications or Application Access Policy, rooms. */
    EXCHANGE_ONLINE("exchange-online"),
    /** Exchange Management Shell on-premises: EWS ApplicationImpersonation limited by a management scope. */
    EXCHANGE_ON_PREMISES("exchange-onprem");

    private final String parameter;

    Shell(String parameter) {
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }

    /** From the {@code shell} query parameter. */
    public static Shell parse(String value) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        for (Shell s : values()) {
            if (s.parameter.equals(v) || s.name().toLowerCase(Locale.ROOT).equals(v)) {
                return s;
            }
        }
        throw new IllegalArgumentException("shell must be one of graph, exchange-online, exchange-onprem; got '" + value + "'");
    }
}
