package io.calbridge.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.graph.models.EventCollectionResponse;
import com.microsoft.kiota.http.middleware.options.HeadersInspectionOption;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GraphCallTest {
    private static EmulatedGraph emulated;
    private static TenantGraph graph;

    @BeforeAll
    static void start() {
        emulated = new EmulatedGraph();
        graph = emulated.gateway(EmulatedGraph.testSettings()).forTenant(emulated.secretCredential());
    }

    @AfterAll
    static void stop() {
        emulated.close();
    }

    @Test
    void readsACalendarWithImmutableIdsUtcAndAClientRequestId() throws Exception {
        String room = EmulatedGraph.room(1);
        HeadersInspectionOption inspection = new HeadersInspectionOption(true, true);

        EventCollectionResponse events = graph.call(GraphTarget.mailbox(room), Priority.INTERACTIVE,
                sdk -> sdk.users().byUserId(room).calendar().events().get(c -> c.options.add(inspection)))
                .get(30, TimeUnit.SECONDS);

        assertThat(events.getValue()).isNotNull();
        assertThat(inspection.getRequestHeaders().get("Prefer"))
                .anySatisfy(p -> assertThat(p).contains("IdType=\"ImmutableId\"").contains("outlook.timezone=\"UTC\""));
        assertThat(inspection.getRequestHeaders().get("client-request-id")).singleElement().asString().hasSize(36);
        assertThat(inspection.getResponseHeaders().get("request-id")).isNotEmpty();
    }

    @Test
    void writesCarryImmutableIdsButNoTimezonePreference() throws Exception {
        String room = EmulatedGraph.room(2);
        HeadersInspectionOption inspection = new HeadersInspectionOption(true, false);
        com.microsoft.graph.models.Event event = new com.microsoft.graph.models.Event();
        event.setSubject("Stand-up");
        event.setStart(dateTime("2031-03-03T09:00:00"));
        event.setEnd(dateTime("2031-03-03T09:15:00"));

        var created = graph.call(GraphTarget.mailbox(room), Priority.INTERACTIVE,
                sdk -> sdk.users().byUserId(room).events().post(event, c -> c.options.add(inspection)))
                .get(30, TimeUnit.SECONDS);

        assertThat(created.getId()).isNotBlank();
        assertThat(inspection.getRequestHeaders().get("Prefer")).singleElement().asString()
                .contains("IdType=\"ImmutableId\"").doesNotContain("outlook.timezone");
    }

    @Test
    void unknownEventIsNotFoundWithGraphsRequestId() {
        String room = EmulatedGraph.room(1);

        assertThatThrownBy(() -> graph.call(GraphTarget.mailbox(room), Priority.INTERACTIVE,
                sdk -> sdk.users().byUserId(room).events().byEventId(EmulatedGraph.MISSING_EVENT).get()).join())
                .cause().isInstanceOfSatisfying(GraphFailure.NotFound.class, f -> {
                    assertThat(f.status()).isEqualTo(404);
                    assertThat(f.requestId()).isNotBlank();
                    assertThat(f.clientRequestId()).hasSize(36);
                    assertThat(f.getMessage()).contains(f.requestId()).contains(f.clientRequestId());
                });
    }

    @Test
    void unknownMailboxIsNotFound() {
        assertThatThrownBy(() -> graph.call(GraphTarget.mailbox("nobody@contoso.test"), Priority.BACKGROUND,
                sdk -> sdk.users().byUserId("nobody@contoso.test").events().get()).join())
                .cause().isInstanceOf(GraphFailure.NotFound.class);
    }

    @Test
    void mailboxOutsideTheAccessPolicyIsAccessDenied() {
        assertThatThrownBy(() -> graph.call(GraphTarget.mailbox(EmulatedGraph.OUTSIDER), Priority.INTERACTIVE,
                sdk -> sdk.users().byUserId(EmulatedGraph.OUTSIDER).events().get()).join())
                .cause().isInstanceOfSatisfying(GraphFailure.AccessDenied.class, f -> {
                    assertThat(f.status()).isEqualTo(403);
                    assertThat(f.code()).isEqualTo("ErrorAccessDenied");
                });
    }

    @Test
    void directoryCallsRunUnderTheTenantBudget() throws Exception {
        var user = graph.call(GraphTarget.directory(), Priority.BACKGROUND,
                sdk -> sdk.users().byUserId(EmulatedGraph.room(3)).get()).get(30, TimeUnit.SECONDS);

        assertThat(user.getUserPrincipalName()).isEqualTo(EmulatedGraph.room(3));
    }

    @Test
    void aBugInTheRequestFunctionIsPassedThroughUnchanged() {
        assertThatThrownBy(() -> graph.call(GraphTarget.directory(), Priority.BACKGROUND, sdk -> {
            throw new IllegalStateException("boom");
        }).join()).cause().isInstanceOf(IllegalStateException.class).hasMessage("boom");
    }

    static com.microsoft.graph.models.DateTimeTimeZone dateTime(String local) {
        var d = new com.microsoft.graph.models.DateTimeTimeZone();
        d.setDateTime(local);
        d.setTimeZone("UTC");
        return d;
    }
}
