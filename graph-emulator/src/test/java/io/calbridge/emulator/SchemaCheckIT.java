package io.calbridge.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.graph.models.Event;
import com.microsoft.graph.models.Subscription;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.graph.users.item.calendar.getschedule.GetSchedulePostRequestBody;
import io.calbridge.emulator.calendar.EventJson;
import io.calbridge.emulator.odata.Json;
import io.calbridge.emulator.subscriptions.SubscriptionRoutes;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Schema check: drives every supported resource, records every entity the emulator emits (responses
 * and notifications), and checks each against Microsoft's v1.0 CSDL subset.
 */
class SchemaCheckIT {
    private static final CsdlSchema SCHEMA = Fixture.SCHEMA;

    private record Emitted(String where, String type, JsonNode body) {}

    @Test
    void everyEmittedPropertyExistsInTheSchemaWithACompatibleType() {
        List<Emitted> emitted = new CopyOnWriteArrayList<>();
        try (Fixture f = new Fixture(); Webhook hook = new Webhook()) {
            f.emulator.onResponse((req, resp) -> {
                if (resp.status() < 300 && resp.body() != null && resp.entityType() != null) {
                    emitted.add(new Emitted(req.method() + " " + req.path(), resp.entityType(), resp.body()));
                }
            });
            GraphServiceClient graph = f.syncGraph();
            drive(f, graph, hook);
            await().atMost(Duration.ofSeconds(5)).until(() -> !hook.items().isEmpty());
            hook.notifications.forEach(n -> emitted.add(new Emitted("notification", "changeNotificationCollection", n)));
        }

        List<String> violations = new ArrayList<>();
        for (Emitted e : emitted) {
            if (e.type().equals("changeNotificationCollection")) {
                violations.addAll(SCHEMA.check("changeNotificationCollection", e.body(), e.where()));
            } else if (e.body().has("value") && e.body().get("value").isArray()) {
                int i = 0;
                for (JsonNode item : e.body().get("value")) violations.addAll(SCHEMA.check(e.type(), item, e.where() + "[" + i++ + "]"));
            } else {
                violations.addAll(SCHEMA.check(e.type(), e.body(), e.where()));
            }
        }

        assertThat(emitted).extracting(Emitted::type).contains("microsoft.graph.user", "microsoft.graph.group", "microsoft.graph.directoryObject",
                "microsoft.graph.administrativeUnit", "microsoft.graph.room", "microsoft.graph.roomList", "microsoft.graph.event",
                "microsoft.graph.scheduleInformation", "microsoft.graph.subscription", "changeNotificationCollection");
        assertThat(violations).isEmpty();
    }

    @Test
    void everyAcceptedEventAndSubscriptionPropertyExistsInTheSchema() {
        assertThat(EventJson.WRITABLE).allSatisfy(p -> assertThat(SCHEMA.hasProperty("event", p)).as(p).isTrue());
        assertThat(SubscriptionRoutes.ACCEPTED).allSatisfy(p -> assertThat(SCHEMA.hasProperty("subscription", p)).as(p).isTrue());
    }

    @Test
    void checkerCatchesUnknownPropertiesWrongTypesAndEnumValues() {
        JsonNode bad = Json.parse("""
                {"id":"x","subject":3,"showAs":"sleeping","colour":"red","start":{"dateTime":"2026-01-01T00:00:00","timeZone":"UTC","zone":1}}""");

        List<String> v = SCHEMA.check("event", bad, "bad");

        assertThat(v).hasSize(4).anySatisfy(s -> assertThat(s).contains("colour")).anySatisfy(s -> assertThat(s).contains("sleeping"))
                .anySatisfy(s -> assertThat(s).contains("subject")).anySatisfy(s -> assertThat(s).contains("zone"));
    }

    private static void drive(Fixture f, GraphServiceClient graph, Webhook hook) {
        graph.users().get();
        graph.users().byUserId("u-alice").get(rc -> rc.queryParameters.select = new String[] {"department", "jobTitle", "givenName"});
        graph.users().delta().get();
        graph.groups().get();
        graph.groups().byGroupId("g-eng").get();
        graph.groups().byGroupId("g-all").members().get();
        graph.directory().administrativeUnits().get();
        graph.directory().administrativeUnits().byAdministrativeUnitId("au-calsync").members().get();
        graph.places().graphRoom().get();
        graph.places().graphRoomList().get();
        graph.places().byPlaceId("hq@contoso.onmicrosoft.com").graphRoomList().rooms().get();

        Subscription s = new Subscription();
        s.setChangeType("created,updated,deleted");
        s.setNotificationUrl(hook.url("/n"));
        s.setResource("users/u-alice/events");
        s.setExpirationDateTime(OffsetDateTime.now(ZoneOffset.UTC).plusHours(1));
        s.setClientState("state");
        graph.subscriptions().post(s);
        graph.subscriptions().get();

        Event single = CalendarIT.event("Single", CalendarIT.at(5, 9), CalendarIT.at(5, 10));
        single.setAttendees(List.of(CalendarIT.room("room-a@contoso.onmicrosoft.com")));
        single.setTransactionId("schema-1");
        String singleId = graph.users().byUserId("u-alice").events().post(single).getId();
        Event series = CalendarIT.event("Series", CalendarIT.at(6, 9), CalendarIT.at(6, 10));
        series.setRecurrence(CalendarIT.daily(3, 6));
        graph.users().byUserId("u-alice").events().post(series);
        String from = CalendarIT.at(4, 0) + "Z";
        String to = CalendarIT.at(10, 0) + "Z";
        var view = graph.users().byUserId("u-alice").calendarView().get(rc -> {
            rc.queryParameters.startDateTime = from;
            rc.queryParameters.endDateTime = to;
            rc.headers.add("Prefer", "outlook.timezone=\"Pacific Standard Time\"");
        }).getValue();
        Event change = new Event();
        change.setSubject("Exception");
        graph.users().byUserId("u-alice").events().byEventId(view.get(2).getId()).patch(change);
        var delta = graph.users().byUserId("u-alice").calendarView().delta().get(rc -> {
            rc.queryParameters.startDateTime = from;
            rc.queryParameters.endDateTime = to;
        });
        while (delta.getOdataNextLink() != null) delta = graph.users().byUserId("u-alice").calendarView().delta().withUrl(delta.getOdataNextLink()).get();
        graph.users().byUserId("u-alice").events().byEventId(singleId).delete();
        graph.users().byUserId("u-alice").calendarView().delta().withUrl(delta.getOdataDeltaLink()).get();
        graph.users().byUserId("u-alice").events().get();

        GetSchedulePostRequestBody body = new GetSchedulePostRequestBody();
        body.setSchedules(List.of("alice@contoso.onmicrosoft.com", "ghost@contoso.onmicrosoft.com"));
        body.setStartTime(CalendarIT.dt(CalendarIT.at(5, 0), "UTC"));
        body.setEndTime(CalendarIT.dt(CalendarIT.at(6, 0), "UTC"));
        graph.users().byUserId("u-alice").calendar().getSchedule().post(body);
    }
}
