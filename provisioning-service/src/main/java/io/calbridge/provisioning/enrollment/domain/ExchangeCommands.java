package io.calbridge.provisioning.enrollment.domain;

/**
 * The exact Exchange Online PowerShell for a membership change Graph cannot make: mail-enabled security groups
 * and distribution lists are read-only in Graph (GRAPH-FACTS §3.3).
 */
public final class ExchangeCommands {

    private ExchangeCommands() {
    }

    public static String add(ScopeTarget scope, String member) {
        return "Add-DistributionGroupMember -Identity " + quote(scope.exchangeIdentity()) + " -Member " + quote(member)
                + " -BypassSecurityGroupManagerCheck";
    }

    public static String remove(ScopeTarget scope, String member) {
        return "Remove-DistributionGroupMember -Identity " + quote(scope.exchangeIdentity()) + " -Member " + quote(member)
                + " -BypassSecurityGroupManagerCheck -Confirm:$false";
    }

    /** A single-quoted PowerShell string literal (no expansion; quotes doubled). */
    public static String quote(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
