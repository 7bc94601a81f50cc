package io.calbridge.provisioning.setup.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.calbridge.provisioning.tenant.domain.Strategy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Golden files pin the generated PowerShell. After a deliberate change, regenerate with
 * {@code -Dgolden.update=true} and review the diff.
 */
class SetupScriptsTest {

    static final Path GOLDEN = Path.of("src/test/resources/golden");

    static SetupInput input(Strategy strategy) {
        return new SetupInput("6f1c4a2e-3b7d-4e8a-9c55-0d2b8f7a1e90", "Contoso", "0b7e5c3d-8f21-4a69-b0d4-2e6c9a1f5b37", strategy,
                strategy == Strategy.TENANT_WIDE ? null : "c4d2a8f1-6e3b-47c9-9a15-7b0e3d5f2c68",
                strategy == Strategy.MAIL_ENABLED_GROUP ? "Calbridge sync" : "Calbridge mailboxes",
                List.of("hq-rooms@contoso.com"), "ada.lovelace@contoso.com", "9a1c7b5d-2f86-4b0e-8e53-3e9a1c7b5d24",
                "svc-calbridge@contoso.com");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "ADMINISTRATIVE_UNIT, GRAPH", "ADMINISTRATIVE_UNIT, EXCHANGE_ONLINE", "ADMINISTRATIVE_UNIT, EXCHANGE_ON_PREMISES",
            "SECURITY_GROUP, GRAPH", "SECURITY_GROUP, EXCHANGE_ONLINE",
            "MAIL_ENABLED_GROUP, GRAPH", "MAIL_ENABLED_GROUP, EXCHANGE_ONLINE",
            "TENANT_WIDE, GRAPH", "TENANT_WIDE, EXCHANGE_ONLINE"})
    void scriptsMatchTheirGoldenFiles(Strategy strategy, Shell shell) throws IOException {
        String script = SetupScripts.generate(input(strategy), shell);
        Path golden = GOLDEN.resolve(strategy.name().toLowerCase() + "-" + shell.parameter() + ".ps1");
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(golden, script, StandardCharsets.UTF_8);
        }

        assertThat(script).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
        assertThat(script).startsWith("# Calbridge setup for Contoso").contains("# What it does: ").contains("# What it grants: ");
    }

    @ParameterizedTest
    @CsvSource({"graph, GRAPH", "exchange-online, EXCHANGE_ONLINE", "EXCHANGE-ONPREM, EXCHANGE_ON_PREMISES"})
    void shellsAreNamedByTheirQueryParameter(String parameter, Shell shell) {
        assertThat(Shell.parse(parameter)).isEqualTo(shell);
    }

    @org.junit.jupiter.api.Test
    void rbacStrategiesNeverGrantTenantWideCalendarsInEntra() {
        assertThat(SetupScripts.entraPermissions(Strategy.ADMINISTRATIVE_UNIT))
                .containsExactly("Place.Read.All", "User.Read.All", "AdministrativeUnit.ReadWrite.All");
        assertThat(SetupScripts.entraPermissions(Strategy.MAIL_ENABLED_GROUP)).contains("Calendars.ReadWrite");
        assertThat(SetupScripts.generate(input(Strategy.ADMINISTRATIVE_UNIT), Shell.EXCHANGE_ONLINE))
                .contains("New-ManagementRoleAssignment -Name 'Calbridge calendars' -App $spObjectId -Role 'Application Calendars.ReadWrite' "
                        + "-RecipientAdministrativeUnitScope 'c4d2a8f1-6e3b-47c9-9a15-7b0e3d5f2c68'");
    }

    @org.junit.jupiter.api.Test
    void quotesAreEscapedInPowerShellLiterals() {
        assertThat(SetupScripts.q("O'Brien's rooms")).isEqualTo("'O''Brien''s rooms'");
    }
}
