package io.calbridge.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.graph.models.Subscription;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Subscriptions: handshake, lifetime, renew/delete, change and lifecycle notifications, retries. */
class SubscriptionIT {
    private static Fixture f;
    private static GraphServiceClient graph;
    private Webhook hook;

    @BeforeAll
    static void start() {
        f = new Fixture(EmulatorOptions.defaults().toBuilder()
                .notificationRetry(Duration.ofMinutes(1), Duration.ofMillis(100)).build());
        graph = f.syncGraph();
    }

    @AfterAll
    static void stop() { f.close(); }

    @BeforeEach
    void setUp() {
        f.emulator.reset();
        f.emulator.seed(Fixture.resource("/seeds/fidelity.json"));
        hook = new Webhook();
    }

    @AfterEach
    void tearDown() { hook.close(); }

    private Subscription subscription(String user, int minutes) {
        Subscription s = new Subscription();
        s.setChangeType("created,updated,deleted");
        s.setNotificationUrl(hook.url("/notify?tenant=contoso"));
        s.setLifecycleNotificationUrl(hook.url("/lifecycle"));
        s.setResource("users/" + user + "/events");
        s.setExpirationDateTime(OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(minutes));
        s.setClientState("s3cret-state");
        return s;
    }

    @Test
    void createValidatesBothUrlsAndNotifiesChangesWithClientState() {
        Subscription created = graph.subscriptions().post(subscription("u-alice", 60));
        String eventId = graph.users().byUserId("u-alice").events().post(CalendarIT.event("Notify me", CalendarIT.at(2, 9), CalendarIT.at(2, 10))).getId();

        await().atMost(Duration.ofSeconds(5)).until(() -> !hook.items().isEmpty());
        JsonNode n = hook.items().get(0);
        assertThat(hook.validationTokens).hasSize(2).allSatisfy(t -> assertThat(t).startsWith("Validation: Testing client application reachability"));
        assertThat(created.getApplicationId()).isEqualTo(Fixture.SYNC_APP);
        assertThat(n.path("subscriptionId").asText()).isEqualTo(created.getId());
        assertThat(n.path("clientState").asText()).isEqualTo("s3cret-state");
        assertThat(n.path("changeType").asText()).isEqualTo("created");
        assertThat(n.path("tenantId").asText()).isEqualTo(Fixture.TENANT);
        assertThat(n.path("resource").asText()).isEqualTo("Users/u-alice/Events/" + eventId);
        assertThat(n.at("/resourceData/id").asText()).isEqualTo(eventId);
    }

    @Test
    void outlookEditsNotifyToo() {
        graph.subscriptions().post(subscription("u-bob", 60));

        f.control("POST", "/outlook/users/u-bob/events", """
                {"subject":"Typed in Outlook","start":{"dateTime":"%s","timeZone":"UTC"},"end":{"dateTime":"%s","timeZone":"UTC"}}"""
                .formatted(CalendarIT.at(3, 9), CalendarIT.at(3, 10)));

        await().atMost(Duration.ofSeconds(5)).until(() -> hook.items().stream().anyMatch(n -> n.path("changeType").asText().equals("created")));
    }

    @Test
    void failedDeliveriesAreRetried() {
        hook.failNext.set(2);
        graph.subscriptions().post(subscription("u-carol", 60));

        graph.users().byUserId("u-carol").events().post(CalendarIT.event("Retry me", CalendarIT.at(2, 9), CalendarIT.at(2, 10)));

        await().atMost(Duration.ofSeconds(10)).until(() -> hook.items().stream().anyMatch(n -> n.has("changeType")));
        assertThat(f.emulator.counters().at("/events/notifications.failed").asInt()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void receiverThatEchoesTheEncodedTokenFailsValidation() {
        hook.echoEncoded = true;

        assertThatThrownBy(() -> graph.subscriptions().post(subscription("u-alice", 60)))
                .isInstanceOfSatisfying(ODataError.class, e -> assertThat(e.getResponseStatusCode()).isEqualTo(400));
    }

    @Test
    void expirationBeyondTheMaximumLifetimeIsRejected() {
        assertThatThrownBy(() -> graph.subscriptions().post(subscription("u-alice", 4231)))
                .isInstanceOfSatisfying(ODataError.class, e -> {
                    assertThat(e.getResponseStatusCode()).isEqualTo(400);
                    assertThat(e.getError().getMessage()).contains("4230");
                });
    }

    @Test
    void renewsListsAndDeletes() {
        Subscription created = graph.subscriptions().post(subscription("u-alice", 60));
        Subscription renew = new Subscription();
        OffsetDateTime later = OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(120).withNano(0);
        renew.setExpirationDateTime(later);

        Subscription renewed = graph.subscriptions().bySubscriptionId(created.getId()).patch(renew);
        int listed = graph.subscriptions().get().getValue().size();
        graph.subscriptions().bySubscriptionId(created.getId()).delete();

        assertThat(renewed.getExpirationDateTime()).isEqualTo(later);
        assertThat(listed).isEqualTo(1);
        assertThat(graph.subscriptions().get().getValue()).isEmpty();
    }

    @Test
    void lifecycleNotificationsGoToTheLifecycleUrl() {
        Subscription created = graph.subscriptions().post(subscription("u-alice", 60));

        f.control("POST", "/subscriptions/" + created.getId() + "/lifecycle", "{\"lifecycleEvent\":\"missed\"}");
        f.control("POST", "/subscriptions/" + created.getId() + "/lifecycle", "{\"lifecycleEvent\":\"subscriptionRemoved\"}");

        await().atMost(Duration.ofSeconds(5)).until(() -> hook.items().size() == 2);
        assertThat(hook.items()).extracting(n -> n.path("lifecycleEvent").asText()).containsExactlyInAnyOrder("missed", "subscriptionRemoved");
        assertThat(hook.items()).allSatisfy(n -> assertThat(n.path("clientState").asText()).isEqualTo("s3cret-state"));
        assertThat(graph.subscriptions().get().getValue()).isEmpty();
    }

    @Test
    void subscriptionAboutToExpireGetsReauthorizationRequired() {
        Subscription created = graph.subscriptions().post(subscription("u-alice", 5));

        await().atMost(Duration.ofSeconds(5)).until(() -> hook.items().stream()
                .anyMatch(n -> n.path("lifecycleEvent").asText().equals("reauthorizationRequired")
                        && n.path("subscriptionId").asText().equals(created.getId())));
    }

    @Test
    void droppedNotificationFaultSuppressesDelivery() {
        graph.subscriptions().post(subscription("u-erin", 60));
        f.control("POST", "/faults", "{\"pathPattern\":\"Users/u-erin/Events\",\"dropNotifications\":true,\"times\":1}");

        graph.users().byUserId("u-erin").events().post(CalendarIT.event("Lost", CalendarIT.at(2, 9), CalendarIT.at(2, 10)));
        graph.users().byUserId("u-erin").events().post(CalendarIT.event("Delivered", CalendarIT.at(2, 11), CalendarIT.at(2, 12)));

        await().atMost(Duration.ofSeconds(5)).until(() -> hook.items().stream().anyMatch(n -> n.has("changeType")));
        assertThat(f.emulator.counters().at("/events/notifications.droppedByFault").asInt()).isEqualTo(1);
    }
}
