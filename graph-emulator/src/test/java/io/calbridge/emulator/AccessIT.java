package io.calbridge.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.microsoft.graph.models.ReferenceCreate;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Application Access Policies and RBAC for Applications scoping mailbox access. */
class AccessIT {
    private static final String RAOP = "Access to OData is disabled: [RAOP] : Blocked by tenant configured AppOnly AccessPolicy settings.";
    private static Fixture f;

    @BeforeAll
    static void start() { f = new Fixture(); }

    @AfterAll
    static void stop() { f.close(); }

    @BeforeEach
    void reseed() {
        f.emulator.reset();
        f.emulator.seed(Fixture.resource("/seeds/fidelity.json"));
    }

    private static void denied(Runnable call, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ODataError.class, e -> {
            assertThat(e.getResponseStatusCode()).isEqualTo(403);
            assertThat(e.getError().getCode()).isEqualTo("ErrorAccessDenied");
            assertThat(e.getError().getMessage()).isEqualTo(message);
        });
    }

    @Test
    void restrictAccessPolicyLimitsTheAppToTheGroupsMailboxes() {
        GraphServiceClient graph = f.graph("00000000-0000-0000-0000-00000000a005", "aap-secret");

        assertThat(graph.users().byUserId("u-alice").events().get().getValue()).isNotNull();
        denied(() -> graph.users().byUserId("u-carol").events().get(), RAOP);
    }

    @Test
    void denyAccessPolicyBeatsTenantWidePermission() {
        f.emulator.seed("""
                {"tenants":[{"id":"%s","applicationAccessPolicies":[{"appId":"%s","groupId":"g-calsync","accessRight":"DenyAccess"}]}]}"""
                .formatted(Fixture.TENANT, Fixture.SYNC_APP));
        GraphServiceClient graph = f.syncGraph();

        denied(() -> graph.users().byUserId("u-bob").events().get(), RAOP);
        assertThat(graph.users().byUserId("u-carol").events().get().getValue()).isNotNull();
    }

    @Test
    void rbacAdministrativeUnitScopeGrowsWhenAMemberIsAddedThroughGraph() {
        GraphServiceClient scoped = f.graph("00000000-0000-0000-0000-00000000a004", "rbac-secret");
        assertThat(scoped.users().byUserId("u-carol").events().get().getValue()).isNotNull();
        denied(() -> scoped.users().byUserId("u-alice").events().get(), "Access is denied. Check credentials and try again.");

        ReferenceCreate add = new ReferenceCreate();
        add.setOdataId("https://graph.microsoft.com/v1.0/directoryObjects/u-alice");
        f.syncGraph().directory().administrativeUnits().byAdministrativeUnitId("au-calsync").members().ref().post(add);

        assertThat(scoped.users().byUserId("u-alice").events().get().getValue()).isNotNull();
    }

    @Test
    void rbacCustomAttributeScopeWithReadRoleAllowsReadsOnly() {
        GraphServiceClient scoped = f.graph("00000000-0000-0000-0000-00000000a006", "filter-secret");

        assertThat(scoped.users().byUserId("u-alice").calendarView().get(rc -> {
            rc.queryParameters.startDateTime = "2026-01-01T00:00:00Z";
            rc.queryParameters.endDateTime = "2026-01-02T00:00:00Z";
        }).getValue()).isEmpty();
        denied(() -> scoped.users().byUserId("u-alice").events().post(CalendarIT.event("x", "2026-12-01T09:00:00", "2026-12-01T10:00:00")),
                "Access is denied. Check credentials and try again.");
        denied(() -> scoped.users().byUserId("u-bob").events().get(), "Access is denied. Check credentials and try again.");
    }

    @Test
    void scopeChangesTakeEffectAfterThePropagationDelay() {
        try (Fixture slow = new Fixture(EmulatorOptions.defaults().toBuilder().scopePropagation(Duration.ofMillis(1500)).build())) {
            GraphServiceClient scoped = slow.graph("00000000-0000-0000-0000-00000000a004", "rbac-secret");
            denied(() -> scoped.users().byUserId("u-erin").events().get(), "Access is denied. Check credentials and try again.");
            ReferenceCreate add = new ReferenceCreate();
            add.setOdataId("https://graph.microsoft.com/v1.0/directoryObjects/u-erin");
            slow.syncGraph().directory().administrativeUnits().byAdministrativeUnitId("au-calsync").members().ref().post(add);

            denied(() -> scoped.users().byUserId("u-erin").events().get(), "Access is denied. Check credentials and try again.");
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200))
                    .ignoreExceptions().until(() -> scoped.users().byUserId("u-erin").events().get().getValue() != null);
        }
    }
}
