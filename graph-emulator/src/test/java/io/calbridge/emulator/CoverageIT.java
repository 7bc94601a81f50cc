package io.calbridge.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.graph.models.AdministrativeUnit;
import com.microsoft.graph.models.DirectoryObject;
import com.microsoft.graph.models.Event;
import com.microsoft.graph.models.EventType;
import com.microsoft.graph.models.Group;
import com.microsoft.graph.models.Room;
import com.microsoft.graph.models.Subscription;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import io.calbridge.emulator.odata.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The remaining endpoints and errors of the supported surface, each through the SDK where it can express the call. */
class CoverageIT {
    private static Fixture f;
    private static GraphServiceClient graph;

    @BeforeAll
    static void start() {
        f = new Fixture();
        graph = f.syncGraph();
    }

    @AfterAll
    static void stop() { f.close(); }

    @Test
    void listsAndGetsGroupsAndAdministrativeUnits() {
        List<Group> groups = graph.groups().get(rc -> rc.queryParameters.filter = "mailEnabled eq true").getValue();
        Group dl = graph.groups().byGroupId("g-all").get();
        List<AdministrativeUnit> aus = graph.directory().administrativeUnits().get().getValue();
        AdministrativeUnit au = graph.directory().administrativeUnits().byAdministrativeUnitId("au-calsync").get();

        assertThat(groups).extracting(Group::getId).containsExactlyInAnyOrder("g-calsync", "g-all");
        assertThat(dl.getMailEnabled()).isTrue();
        assertThat(dl.getSecurityEnabled()).isFalse();
        assertThat(aus).extracting(AdministrativeUnit::getId).contains("au-calsync");
        assertThat(au.getDisplayName()).isEqualTo("Calendar sync users");
    }

    @Test
    void removesAMemberWithTheIdQueryForm() {
        Group rename = new Group();
        rename.setDisplayName("Engineering (all)");
        graph.groups().byGroupId("g-eng").patch(rename);

        graph.groups().byGroupId("g-eng").members().ref().delete(rc -> rc.queryParameters.id = "https://graph.microsoft.com/v1.0/directoryObjects/u-alice");

        assertThat(graph.groups().byGroupId("g-eng").members().get().getValue()).extracting(DirectoryObject::getId).doesNotContain("u-alice");
        assertThat(graph.groups().byGroupId("g-eng").get().getDisplayName()).isEqualTo("Engineering (all)");
        assertThatThrownBy(() -> graph.groups().byGroupId("g-eng").members().byDirectoryObjectId("u-alice").ref().delete())
                .isInstanceOfSatisfying(ODataError.class, e -> assertThat(e.getResponseStatusCode()).isEqualTo(400));
    }

    @Test
    void getsAPlaceByEmailAndSeriesInstances() {
        Room room = (Room) graph.places().byPlaceId("room-b@contoso.onmicrosoft.com").graphRoom().get();
        Event series = CalendarIT.event("Instances", CalendarIT.at(20, 9), CalendarIT.at(20, 10));
        series.setRecurrence(CalendarIT.daily(4, 20));
        String masterId = graph.users().byUserId("u-bob").events().post(series).getId();

        List<Event> instances = graph.users().byUserId("u-bob").events().byEventId(masterId).instances().get(rc -> {
            rc.queryParameters.startDateTime = CalendarIT.at(21, 0) + "Z";
            rc.queryParameters.endDateTime = CalendarIT.at(30, 0) + "Z";
        }).getValue();

        assertThat(room.getCapacity()).isEqualTo(4);
        assertThat(instances).hasSize(3).allSatisfy(e -> assertThat(e.getType()).isEqualTo(EventType.Occurrence));
    }

    @Test
    void calendarScopedDeltaAndReauthorizeWork() {
        var delta = graph.users().byUserId("u-erin").calendar().calendarView().delta().get(rc -> {
            rc.queryParameters.startDateTime = "2026-09-01T00:00:00Z";
            rc.queryParameters.endDateTime = "2026-09-30T00:00:00Z";
        });
        try (Webhook hook = new Webhook()) {
            Subscription s = new Subscription();
            s.setChangeType("updated");
            s.setNotificationUrl(hook.url("/n"));
            s.setResource("/users/u-erin/events");
            s.setExpirationDateTime(OffsetDateTime.now(ZoneOffset.UTC).plusHours(2));
            String id = graph.subscriptions().post(s).getId();

            graph.subscriptions().bySubscriptionId(id).reauthorize().post();

            assertThat(graph.subscriptions().bySubscriptionId(id).get().getChangeType()).isEqualTo("updated");
        }
        var all = new java.util.ArrayList<>(delta.getValue());
        while (delta.getOdataNextLink() != null) {
            delta = graph.users().byUserId("u-erin").calendar().calendarView().delta().withUrl(delta.getOdataNextLink()).get();
            all.addAll(delta.getValue());
        }
        assertThat(delta.getOdataDeltaLink()).isNotNull();
        assertThat(all).hasSize(5).extracting(Event::getSubject).containsOnly("Seeded standup");
    }

    @Test
    void tokenEndpointRejectsOtherResourcesAndUnknownTenants() throws Exception {
        HttpClient tls = HttpClient.newBuilder().sslContext(f.emulator.clientSslContext()).build();
        String form = "grant_type=client_credentials&client_id=" + Fixture.SYNC_APP + "&client_secret=" + Fixture.SYNC_SECRET
                + "&scope=https%3A%2F%2Fvault.azure.net%2F.default";
        var scope = tls.send(HttpRequest.newBuilder(URI.create(f.emulator.authorityHost() + "/" + Fixture.TENANT + "/oauth2/v2.0/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        ConfidentialClientApplication unknownTenant = ConfidentialClientApplication
                .builder(Fixture.SYNC_APP, ClientCredentialFactory.createFromSecret(Fixture.SYNC_SECRET))
                .authority(f.emulator.authorityHost() + "/99999999-9999-9999-9999-999999999999/")
                .instanceDiscovery(false)
                .sslSocketFactory(f.emulator.clientSslContext().getSocketFactory())
                .build();

        assertThat(scope.statusCode()).isEqualTo(400);
        assertThat(Json.parse(scope.body()).path("error").asText()).isEqualTo("invalid_scope");
        assertThat(Json.parse(scope.body()).path("error_codes").get(0).asInt()).isEqualTo(70011);
        assertThatThrownBy(() -> unknownTenant.acquireToken(ClientCredentialParameters.builder(Set.of(Fixture.GRAPH_SCOPE)).build())
                .get(15, TimeUnit.SECONDS)).rootCause().hasMessageContaining("AADSTS90002");
    }
}
