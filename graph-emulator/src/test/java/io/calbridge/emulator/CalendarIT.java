package io.calbridge.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.graph.models.Attendee;
import com.microsoft.graph.models.AttendeeType;
import com.microsoft.graph.models.DateTimeTimeZone;
import com.microsoft.graph.models.EmailAddress;
import com.microsoft.graph.models.Event;
import com.microsoft.graph.models.EventType;
import com.microsoft.graph.models.Location;
import com.microsoft.graph.models.PatternedRecurrence;
import com.microsoft.graph.models.RecurrencePattern;
import com.microsoft.graph.models.RecurrencePatternType;
import com.microsoft.graph.models.RecurrenceRange;
import com.microsoft.graph.models.RecurrenceRangeType;
import com.microsoft.graph.models.ResponseType;
import com.microsoft.graph.models.ScheduleInformation;
import com.microsoft.graph.models.SingleValueLegacyExtendedProperty;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.graph.users.item.calendar.getschedule.GetSchedulePostRequestBody;
import com.microsoft.graph.users.item.calendarview.delta.DeltaGetResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Events, calendarView, delta, getSchedule and room booking through the Graph SDK. */
class CalendarIT {
    private static final String TAG = "String {66f5a359-4659-4830-9070-00047ec6ac6e} Name CalbridgeTag";
    private static Fixture f;
    private static GraphServiceClient graph;
    private static String token;

    @BeforeAll
    static void start() {
        f = new Fixture();
        graph = f.syncGraph();
        token = f.token(Fixture.SYNC_APP, Fixture.SYNC_SECRET);
    }

    @AfterAll
    static void stop() { f.close(); }

    @BeforeEach
    void reseed() {
        f.emulator.reset();
        f.emulator.seed(Fixture.resource("/seeds/fidelity.json"));
    }

    /** {@code yyyy-MM-ddTHH:mm:ss} n days from today at the given hour, UTC. */
    static String at(int days, int hour) {
        return LocalDate.now(ZoneOffset.UTC).plusDays(days) + "T%02d:00:00".formatted(hour);
    }

    static DateTimeTimeZone dt(String local, String zone) {
        DateTimeTimeZone d = new DateTimeTimeZone();
        d.setDateTime(local);
        d.setTimeZone(zone);
        return d;
    }

    static Event event(String subject, String start, String end) {
        Event e = new Event();
        e.setSubject(subject);
        e.setStart(dt(start, "UTC"));
        e.setEnd(dt(end, "UTC"));
        return e;
    }

    static PatternedRecurrence daily(int count, int startInDays) {
        PatternedRecurrence r = new PatternedRecurrence();
        RecurrencePattern p = new RecurrencePattern();
        p.setType(RecurrencePatternType.Daily);
        p.setInterval(1);
        r.setPattern(p);
        RecurrenceRange range = new RecurrenceRange();
        range.setType(RecurrenceRangeType.Numbered);
        range.setStartDate(LocalDate.now(ZoneOffset.UTC).plusDays(startInDays));
        range.setNumberOfOccurrences(count);
        r.setRange(range);
        return r;
    }

    static Attendee room(String email) {
        Attendee a = new Attendee();
        EmailAddress em = new EmailAddress();
        em.setAddress(email);
        a.setEmailAddress(em);
        a.setType(AttendeeType.Resource);
        return a;
    }

    @Test
    void createsReadsUpdatesAndDeletesAnEvent() {
        Event created = graph.users().byUserId("u-alice").events().post(event("Plan", at(3, 9), at(3, 10)));

        Event read = graph.users().byUserId("alice@contoso.onmicrosoft.com").calendar().events().byEventId(created.getId()).get();
        Event patch = new Event();
        patch.setSubject("Plan v2");
        Event updated = graph.users().byUserId("u-alice").events().byEventId(created.getId()).patch(patch);
        graph.users().byUserId("u-alice").events().byEventId(created.getId()).delete();

        assertThat(created.getId()).startsWith("AAMkA");
        assertThat(created.getType()).isEqualTo(EventType.SingleInstance);
        assertThat(created.getStart().getTimeZone()).isEqualTo("UTC");
        assertThat(created.getStart().getDateTime()).isEqualTo(at(3, 9) + ".0000000");
        assertThat(read.getSubject()).isEqualTo("Plan");
        assertThat(read.getOrganizer().getEmailAddress().getAddress()).isEqualTo("alice@contoso.onmicrosoft.com");
        assertThat(updated.getSubject()).isEqualTo("Plan v2");
        assertThat(updated.getChangeKey()).isNotEqualTo(created.getChangeKey());
        assertThatThrownBy(() -> graph.users().byUserId("u-alice").events().byEventId(created.getId()).get())
                .isInstanceOfSatisfying(ODataError.class, e -> {
                    assertThat(e.getResponseStatusCode()).isEqualTo(404);
                    assertThat(e.getError().getCode()).isEqualTo("ErrorItemNotFound");
                });
    }

    @Test
    void primaryCalendarIsAddressableByIdAndActionsFollowOrganizerRules() {
        var primary = graph.users().byUserId("u-alice").calendar().get();
        var listed = graph.users().byUserId("u-alice").calendars().get().getValue();
        Event viaId = graph.users().byUserId("u-alice").calendars().byCalendarId(primary.getId()).events()
                .post(event("Via calendar id", at(7, 9), at(7, 10)));
        Event roomCopy = graph.users().byUserId("u-alice").events().post(event("Mine", at(7, 11), at(7, 12)));

        assertThat(primary.getIsDefaultCalendar()).isTrue();
        assertThat(listed).extracting(c -> c.getId()).containsExactly(primary.getId());
        assertThat(graph.users().byUserId("u-alice").events().byEventId(viaId.getId()).get().getSubject()).isEqualTo("Via calendar id");
        assertThatThrownBy(() -> graph.users().byUserId("u-alice").events().byEventId(roomCopy.getId()).accept()
                .post(new com.microsoft.graph.users.item.events.item.accept.AcceptPostRequestBody()))
                .isInstanceOfSatisfying(ODataError.class, e -> assertThat(e.getResponseStatusCode()).isEqualTo(400));
        graph.users().byUserId("u-alice").events().byEventId(roomCopy.getId()).cancel()
                .post(new com.microsoft.graph.users.item.events.item.cancel.CancelPostRequestBody());
        assertThatThrownBy(() -> graph.users().byUserId("u-alice").events().byEventId(roomCopy.getId()).get())
                .isInstanceOfSatisfying(ODataError.class, e -> assertThat(e.getResponseStatusCode()).isEqualTo(404));
        assertThatThrownBy(() -> graph.users().byUserId("u-alice").calendars().byCalendarId("AQMkAother").events().get())
                .isInstanceOfSatisfying(ODataError.class, e -> assertThat(e.getResponseStatusCode()).isEqualTo(404));
    }

    @Test
    void returnsTimesInThePreferredTimeZone() {
        Event e = event("TZ", at(4, 12), at(4, 13));
        String id = graph.users().byUserId("u-alice").events().post(e).getId();

        Event inTokyo = graph.users().byUserId("u-alice").events().byEventId(id)
                .get(rc -> rc.headers.add("Prefer", "outlook.timezone=\"Tokyo Standard Time\""));

        assertThat(inTokyo.getStart().getTimeZone()).isEqualTo("Tokyo Standard Time");
        assertThat(inTokyo.getStart().getDateTime()).isEqualTo(at(4, 21) + ".0000000");
    }

    @Test
    void duplicateTransactionIdReturnsTheFirstEvent() {
        Event e = event("Once", at(5, 9), at(5, 10));
        e.setTransactionId("tx-42");
        Event retry = event("Once", at(5, 9), at(5, 10));
        retry.setTransactionId("tx-42");

        Event first = graph.users().byUserId("u-alice").events().post(e);
        Event second = graph.users().byUserId("u-alice").events().post(retry);

        assertThat(second.getId()).isEqualTo(first.getId());
        assertThat(first.getTransactionId()).isEqualTo("tx-42");
        assertThat(graph.users().byUserId("u-alice").events().get().getValue()).filteredOn(x -> "Once".equals(x.getSubject())).hasSize(1);
    }

    @Test
    void storesSingleValueExtendedPropertiesAndFindsEventsByThem() {
        Event e = event("Tagged", at(6, 9), at(6, 10));
        SingleValueLegacyExtendedProperty p = new SingleValueLegacyExtendedProperty();
        p.setId(TAG);
        p.setValue("booking-7");
        e.setSingleValueExtendedProperties(List.of(p));
        String id = graph.users().byUserId("u-alice").events().post(e).getId();
        graph.users().byUserId("u-alice").events().post(event("Untagged", at(6, 11), at(6, 12)));

        Event expanded = graph.users().byUserId("u-alice").events().byEventId(id)
                .get(rc -> rc.queryParameters.expand = new String[] {"singleValueExtendedProperties($filter=id eq '" + TAG + "')"});
        Event plain = graph.users().byUserId("u-alice").events().byEventId(id).get();
        List<Event> found = graph.users().byUserId("u-alice").events().get(rc -> rc.queryParameters.filter =
                "singleValueExtendedProperties/Any(ep: ep/id eq '" + TAG + "' and ep/value eq 'booking-7')").getValue();

        assertThat(expanded.getSingleValueExtendedProperties()).extracting(SingleValueLegacyExtendedProperty::getValue).containsExactly("booking-7");
        assertThat(plain.getSingleValueExtendedProperties()).isNull();
        assertThat(found).extracting(Event::getId).containsExactly(id);
    }

    @Test
    void rejectsMalformedExtendedPropertyId() {
        Event e = event("Bad tag", at(6, 9), at(6, 10));
        SingleValueLegacyExtendedProperty p = new SingleValueLegacyExtendedProperty();
        p.setId("CalbridgeTag");
        p.setValue("x");
        e.setSingleValueExtendedProperties(List.of(p));

        assertThatThrownBy(() -> graph.users().byUserId("u-alice").events().post(e))
                .isInstanceOfSatisfying(ODataError.class, x -> assertThat(x.getResponseStatusCode()).isEqualTo(400));
    }

    @Test
    void expandsRecurringSeriesWithExceptionsAndCancellations() {
        Event series = event("Daily", at(10, 8), at(10, 9));
        series.setRecurrence(daily(5, 10));
        Event master = graph.users().byUserId("u-alice").events().post(series);
        String from = at(10, 0) + "Z";
        String to = at(15, 0) + "Z";

        List<Event> occurrences = graph.users().byUserId("u-alice").calendarView()
                .get(rc -> { rc.queryParameters.startDateTime = from; rc.queryParameters.endDateTime = to; }).getValue();
        Event moved = new Event();
        moved.setStart(dt(at(11, 14), "UTC"));
        moved.setEnd(dt(at(11, 15), "UTC"));
        Event exception = graph.users().byUserId("u-alice").events().byEventId(occurrences.get(1).getId()).patch(moved);
        graph.users().byUserId("u-alice").events().byEventId(occurrences.get(2).getId()).delete();
        List<Event> after = graph.users().byUserId("u-alice").calendarView()
                .get(rc -> { rc.queryParameters.startDateTime = from; rc.queryParameters.endDateTime = to; }).getValue();

        assertThat(master.getType()).isEqualTo(EventType.SeriesMaster);
        assertThat(occurrences).hasSize(5).allSatisfy(o -> {
            assertThat(o.getType()).isEqualTo(EventType.Occurrence);
            assertThat(o.getSeriesMasterId()).isEqualTo(master.getId());
        });
        assertThat(exception.getType()).isEqualTo(EventType.Exception);
        assertThat(exception.getId()).as("an exception keeps its occurrence id").isEqualTo(occurrences.get(1).getId());
        assertThat(after).hasSize(4);
        assertThat(after).extracting(Event::getType).containsOnly(EventType.Occurrence, EventType.Exception);
        assertThat(after).filteredOn(e -> e.getType() == EventType.Exception).singleElement()
                .satisfies(e -> assertThat(e.getStart().getDateTime()).startsWith(at(11, 14)));
        assertThat(graph.users().byUserId("u-alice").events().byEventId(occurrences.get(0).getId()).get().getType()).isEqualTo(EventType.Occurrence);
    }

    @Test
    void pagesCalendarViewWithMaxPageSize() {
        IntStream.range(0, 7).forEach(i -> graph.users().byUserId("u-bob").events().post(event("E" + i, at(20, 8 + i), at(20, 9 + i))));
        String from = at(20, 0) + "Z";
        String to = at(21, 0) + "Z";

        var first = graph.users().byUserId("u-bob").calendarView().get(rc -> {
            rc.queryParameters.startDateTime = from;
            rc.queryParameters.endDateTime = to;
            rc.headers.add("Prefer", "odata.maxpagesize=3");
        });
        List<String> subjects = new ArrayList<>(first.getValue().stream().map(Event::getSubject).toList());
        var page = first;
        while (page.getOdataNextLink() != null) {
            page = graph.users().byUserId("u-bob").calendarView().withUrl(page.getOdataNextLink()).get();
            page.getValue().forEach(e -> subjects.add(e.getSubject()));
        }

        assertThat(first.getValue()).hasSize(3);
        assertThat(subjects).containsExactly("E0", "E1", "E2", "E3", "E4", "E5", "E6");
    }

    @Test
    void calendarViewWithoutWindowIs400() {
        var r = f.raw("GET", "/users/u-alice/calendarView", token, null);

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(Fixture.json(r).at("/error/code").asText()).isEqualTo("ErrorInvalidParameter");
    }

    private List<Event> drain(DeltaGetResponse first, List<String> links) {
        List<Event> all = new ArrayList<>();
        DeltaGetResponse page = first;
        while (true) {
            all.addAll(page.getValue());
            if (page.getOdataNextLink() == null) break;
            page = graph.users().byUserId("u-carol").calendarView().delta().withUrl(page.getOdataNextLink()).get();
        }
        links.add(page.getOdataDeltaLink());
        return all;
    }

    @Test
    void deltaReportsCreatesUpdatesAndRemovalsIncludingOutlookEdits() {
        String keep = graph.users().byUserId("u-carol").events().post(event("Keep", at(30, 9), at(30, 10))).getId();
        String drop = graph.users().byUserId("u-carol").events().post(event("Drop", at(30, 11), at(30, 12))).getId();
        List<String> links = new ArrayList<>();
        List<Event> initial = drain(graph.users().byUserId("u-carol").calendarView().delta().get(rc -> {
            rc.queryParameters.startDateTime = at(29, 0) + "Z";
            rc.queryParameters.endDateTime = at(32, 0) + "Z";
            rc.headers.add("Prefer", "odata.maxpagesize=1");
        }), links);

        graph.users().byUserId("u-carol").events().byEventId(drop).delete();
        f.control("POST", "/outlook/users/carol@contoso.onmicrosoft.com/events",
                "{\"subject\":\"Added in Outlook\",\"start\":{\"dateTime\":\"%s\",\"timeZone\":\"UTC\"},\"end\":{\"dateTime\":\"%s\",\"timeZone\":\"UTC\"}}"
                        .formatted(at(31, 9), at(31, 10)));
        List<Event> changes = drain(graph.users().byUserId("u-carol").calendarView().delta().withUrl(links.get(0)).get(), links);
        List<Event> none = drain(graph.users().byUserId("u-carol").calendarView().delta().withUrl(links.get(1)).get(), links);

        assertThat(initial).extracting(Event::getId).containsExactly(keep, drop);
        assertThat(changes).extracting(Event::getSubject).contains("Added in Outlook");
        assertThat(changes).filteredOn(e -> e.getId().equals(drop)).singleElement()
                .satisfies(e -> assertThat(e.getAdditionalData()).containsKey("@removed"));
        assertThat(changes).extracting(Event::getId).doesNotContain(keep);
        assertThat(none).isEmpty();
    }

    @Test
    void deltaReportsCancelledOccurrencesAsRemovedAndSeriesEditsAsOccurrences() {
        Event series = event("Series", at(40, 8), at(40, 9));
        series.setRecurrence(daily(3, 40));
        String masterId = graph.users().byUserId("u-carol").events().post(series).getId();
        List<String> links = new ArrayList<>();
        List<Event> initial = drain(graph.users().byUserId("u-carol").calendarView().delta().get(rc -> {
            rc.queryParameters.startDateTime = at(39, 0) + "Z";
            rc.queryParameters.endDateTime = at(45, 0) + "Z";
        }), links);

        graph.users().byUserId("u-carol").events().byEventId(initial.get(1).getId()).delete();
        List<Event> afterCancel = drain(graph.users().byUserId("u-carol").calendarView().delta().withUrl(links.get(0)).get(), links);
        Event rename = new Event();
        rename.setSubject("Series renamed");
        graph.users().byUserId("u-carol").events().byEventId(masterId).patch(rename);
        List<Event> afterRename = drain(graph.users().byUserId("u-carol").calendarView().delta().withUrl(links.get(1)).get(), links);

        assertThat(initial).hasSize(3).allSatisfy(e -> assertThat(e.getType()).isEqualTo(EventType.Occurrence));
        assertThat(afterCancel).filteredOn(e -> e.getAdditionalData().containsKey("@removed")).extracting(Event::getId)
                .containsExactly(initial.get(1).getId());
        assertThat(afterRename).hasSize(2).allSatisfy(e -> assertThat(e.getSubject()).isEqualTo("Series renamed"));
    }

    @Test
    void shorteningASeriesRemovesItsLaterOccurrencesAndExceptionsFromDelta() {
        Event series = event("Series", at(50, 8), at(50, 9));
        series.setRecurrence(daily(4, 50));
        String masterId = graph.users().byUserId("u-carol").events().post(series).getId();
        List<String> links = new ArrayList<>();
        List<Event> initial = drain(graph.users().byUserId("u-carol").calendarView().delta().get(rc -> {
            rc.queryParameters.startDateTime = at(49, 0) + "Z";
            rc.queryParameters.endDateTime = at(56, 0) + "Z";
        }), links);
        Event moved = new Event();
        moved.setSubject("Last one, edited");
        graph.users().byUserId("u-carol").events().byEventId(initial.get(3).getId()).patch(moved);
        List<Event> afterEdit = drain(graph.users().byUserId("u-carol").calendarView().delta().withUrl(links.get(0)).get(), links);

        // "This and following" from the third occurrence: the series now ends after two.
        Event shorten = new Event();
        shorten.setRecurrence(daily(2, 50));
        graph.users().byUserId("u-carol").events().byEventId(masterId).patch(shorten);
        List<Event> afterShorten = drain(graph.users().byUserId("u-carol").calendarView().delta().withUrl(links.get(1)).get(), links);

        assertThat(initial).hasSize(4);
        assertThat(afterEdit).extracting(Event::getType).containsExactly(EventType.Exception);
        assertThat(afterShorten).filteredOn(e -> e.getAdditionalData().containsKey("@removed")).extracting(Event::getId)
                .containsExactlyInAnyOrder(initial.get(2).getId(), initial.get(3).getId());
        assertThat(afterShorten).filteredOn(e -> !e.getAdditionalData().containsKey("@removed")).extracting(Event::getId)
                .containsExactlyInAnyOrder(initial.get(0).getId(), initial.get(1).getId());
        assertThat(graph.users().byUserId("u-carol").calendarView().get(rc -> {
            rc.queryParameters.startDateTime = at(49, 0) + "Z";
            rc.queryParameters.endDateTime = at(56, 0) + "Z";
        }).getValue()).extracting(Event::getId).containsExactly(initial.get(0).getId(), initial.get(1).getId());
    }

    @Test
    void invalidatedDeltaTokenIs410SyncStateNotFoundWithLocation() {
        List<String> links = new ArrayList<>();
        drain(graph.users().byUserId("u-carol").calendarView().delta().get(rc -> {
            rc.queryParameters.startDateTime = at(1, 0) + "Z";
            rc.queryParameters.endDateTime = at(2, 0) + "Z";
        }), links);
        f.control("POST", "/delta/expire?user=u-carol", null);

        var r = f.raw("GET", links.get(0).substring(f.emulator.graphBaseUrl().length()), token, null);

        assertThat(r.statusCode()).isEqualTo(410);
        assertThat(Fixture.json(r).at("/error/code").asText()).isEqualTo("syncStateNotFound");
        assertThat(r.headers().firstValue("Location")).get().asString().contains("startDateTime=");
    }

    @Test
    void expireDeltaTokensFaultForcesAResync() {
        List<String> links = new ArrayList<>();
        drain(graph.users().byUserId("u-carol").calendarView().delta().get(rc -> {
            rc.queryParameters.startDateTime = at(1, 0) + "Z";
            rc.queryParameters.endDateTime = at(2, 0) + "Z";
        }), links);
        f.control("POST", "/faults", "{\"pathPattern\":\"calendarView/delta\",\"expireDeltaTokens\":true,\"times\":1}");

        var expired = f.raw("GET", links.get(0).substring(f.emulator.graphBaseUrl().length()), token, null);
        var again = f.raw("GET", links.get(0).substring(f.emulator.graphBaseUrl().length()), token, null);

        assertThat(expired.statusCode()).isEqualTo(410);
        assertThat(again.statusCode()).isEqualTo(200);
    }

    @Test
    void getScheduleReportsBusySlotsAndPerScheduleErrors() {
        graph.users().byUserId("u-bob").events().post(event("Busy", at(8, 10), at(8, 11)));
        GetSchedulePostRequestBody body = new GetSchedulePostRequestBody();
        body.setSchedules(List.of("bob@contoso.onmicrosoft.com", "nobody@contoso.onmicrosoft.com"));
        body.setStartTime(dt(at(8, 9), "UTC"));
        body.setEndTime(dt(at(8, 12), "UTC"));
        body.setAvailabilityViewInterval(60);

        List<ScheduleInformation> info = graph.users().byUserId("u-alice").calendar().getSchedule().post(body).getValue();

        assertThat(info).hasSize(2);
        assertThat(info.get(0).getAvailabilityView()).isEqualTo("020");
        assertThat(info.get(0).getScheduleItems()).hasSize(1);
        assertThat(info.get(1).getError().getResponseCode()).isEqualTo("ErrorInvalidUser");
    }

    @Test
    void getScheduleEnforcesTwentySchedulesAndSixtyTwoDays() {
        GetSchedulePostRequestBody tooMany = new GetSchedulePostRequestBody();
        tooMany.setSchedules(IntStream.range(0, 21).mapToObj(i -> "u" + i + "@contoso.onmicrosoft.com").toList());
        tooMany.setStartTime(dt(at(1, 0), "UTC"));
        tooMany.setEndTime(dt(at(2, 0), "UTC"));
        GetSchedulePostRequestBody tooLong = new GetSchedulePostRequestBody();
        tooLong.setSchedules(List.of("bob@contoso.onmicrosoft.com"));
        tooLong.setStartTime(dt(at(1, 0), "UTC"));
        tooLong.setEndTime(dt(at(63, 0), "UTC"));

        assertThatThrownBy(() -> graph.users().byUserId("u-alice").calendar().getSchedule().post(tooMany))
                .isInstanceOfSatisfying(ODataError.class, e -> assertThat(e.getResponseStatusCode()).isEqualTo(400));
        assertThatThrownBy(() -> graph.users().byUserId("u-alice").calendar().getSchedule().post(tooLong))
                .isInstanceOfSatisfying(ODataError.class, e -> assertThat(e.getResponseStatusCode()).isEqualTo(400));
    }

    @Test
    void roomAcceptsWhenFreeAndDeclinesConflictsAndOverlongMeetings() {
        Event first = event("Design review", at(9, 9), at(9, 10));
        first.setAttendees(List.of(room("room-a@contoso.onmicrosoft.com")));
        String firstId = graph.users().byUserId("u-alice").events().post(first).getId();
        Event clash = event("Clash", at(9, 9), at(9, 10));
        clash.setAttendees(List.of(room("room-a@contoso.onmicrosoft.com")));
        Location loc = new Location();
        loc.setDisplayName("Short room");
        loc.setLocationEmailAddress("room-short@contoso.onmicrosoft.com");
        Event tooLong = event("All morning", at(9, 8), at(9, 12));
        tooLong.setLocation(loc);

        await().atMost(Duration.ofSeconds(10)).until(() -> response(firstId, "room-a") == ResponseType.Accepted);
        String clashId = graph.users().byUserId("u-bob").events().post(clash).getId();
        String longId = graph.users().byUserId("u-bob").events().post(tooLong).getId();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(responseOf("u-bob", clashId, "room-a")).isEqualTo(ResponseType.Declined);
            assertThat(responseOf("u-bob", longId, "room-short")).isEqualTo(ResponseType.Declined);
        });
        List<Event> roomCalendar = graph.users().byUserId("room-a@contoso.onmicrosoft.com").calendarView().get(rc -> {
            rc.queryParameters.startDateTime = at(9, 0) + "Z";
            rc.queryParameters.endDateTime = at(10, 0) + "Z";
        }).getValue();
        assertThat(roomCalendar).hasSize(1);
        assertThat(roomCalendar.get(0).getSubject()).isEqualTo("Alice Adams");
    }

    @Test
    void roomsAnswerSeriesAndHonourNoneAndTheBookingWindow() {
        Event series = event("Weekly planning", at(14, 15), at(14, 16));
        series.setRecurrence(daily(3, 14));
        series.setAttendees(List.of(room("room-manual@contoso.onmicrosoft.com"), room("room-a@contoso.onmicrosoft.com")));
        String seriesId = graph.users().byUserId("u-erin").events().post(series).getId();
        Event farOut = event("Far out", at(40, 9), at(40, 10));
        farOut.setAttendees(List.of(room("room-short@contoso.onmicrosoft.com")));
        String farId = graph.users().byUserId("u-erin").events().post(farOut).getId();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(responseOf("u-erin", seriesId, "room-a")).isEqualTo(ResponseType.Accepted);
            assertThat(responseOf("u-erin", farId, "room-short")).isEqualTo(ResponseType.Declined);
        });
        assertThat(responseOf("u-erin", seriesId, "room-manual")).as("AutomateProcessing None never answers").isEqualTo(ResponseType.None);
        List<Event> roomView = graph.users().byUserId("room-a@contoso.onmicrosoft.com").calendarView().get(rc -> {
            rc.queryParameters.startDateTime = at(14, 0) + "Z";
            rc.queryParameters.endDateTime = at(17, 0) + "Z";
        }).getValue();
        assertThat(roomView).hasSize(3).allSatisfy(e -> assertThat(e.getType()).isEqualTo(EventType.Occurrence));
    }

    @Test
    void eventsWrittenStraightIntoARoomCalendarAreNotConflictChecked() {
        graph.users().byUserId("room-a@contoso.onmicrosoft.com").events().post(event("Direct 1", at(12, 9), at(12, 10)));
        graph.users().byUserId("room-a@contoso.onmicrosoft.com").events().post(event("Direct 2", at(12, 9), at(12, 10)));

        List<Event> view = graph.users().byUserId("room-a@contoso.onmicrosoft.com").calendarView().get(rc -> {
            rc.queryParameters.startDateTime = at(12, 0) + "Z";
            rc.queryParameters.endDateTime = at(13, 0) + "Z";
        }).getValue();

        assertThat(view).extracting(Event::getSubject).containsExactlyInAnyOrder("Direct 1", "Direct 2");
    }

    private static ResponseType response(String eventId, String roomPrefix) { return responseOf("u-alice", eventId, roomPrefix); }

    private static ResponseType responseOf(String user, String eventId, String roomPrefix) {
        Event e = graph.users().byUserId(user).events().byEventId(eventId).get();
        return e.getAttendees().stream().filter(a -> a.getEmailAddress().getAddress().startsWith(roomPrefix))
                .findFirst().map(a -> a.getStatus().getResponse()).orElse(null);
    }

    @Test
    void malformedInputsGetGraphShaped400s() {
        var badJson = f.raw("POST", "/users/u-alice/events", token, "{not json");
        var badId = f.raw("GET", "/users/u-alice/events/not-an-id", token, null);
        var badDate = f.raw("GET", "/users/u-alice/calendarView?startDateTime=yesterday&endDateTime=2026-01-01T00:00:00Z", token, null);
        var me = f.raw("GET", "/me/events", token, null);
        var unknownProperty = f.raw("POST", "/users/u-alice/events", token,
                "{\"subject\":\"x\",\"colour\":\"red\",\"start\":{\"dateTime\":\"2026-12-01T09:00:00\",\"timeZone\":\"UTC\"},\"end\":{\"dateTime\":\"2026-12-01T10:00:00\",\"timeZone\":\"UTC\"}}");
        var wrongType = f.raw("POST", "/users/u-alice/events", token, null, "Content-Type", "text/plain");

        for (var r : List.of(badJson, badId, badDate, me, unknownProperty, wrongType)) {
            assertThat(r.statusCode()).as(r.uri().toString()).isEqualTo(400);
            JsonNode err = Fixture.json(r).path("error");
            assertThat(err.path("code").asText()).isNotBlank();
            assertThat(err.path("innerError").path("request-id").asText()).isNotBlank();
        }
        assertThat(Fixture.json(badId).at("/error/code").asText()).isEqualTo("ErrorInvalidIdMalformed");
        assertThat(Fixture.json(wrongType).at("/error/message").asText()).isEqualTo("Entity only allows writes with a JSON Content-Type header.");
    }

    @Test
    void unknownMailboxAndMailboxlessUserAre404() {
        var unknown = f.raw("GET", "/users/ghost@contoso.onmicrosoft.com/events", token, null);
        var noMailbox = f.raw("GET", "/users/u-dave/events", token, null);

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(Fixture.json(unknown).at("/error/code").asText()).isEqualTo("ErrorInvalidUser");
        assertThat(noMailbox.statusCode()).isEqualTo(404);
        assertThat(Fixture.json(noMailbox).at("/error/code").asText()).isEqualTo("MailboxNotEnabledForRESTAPI");
    }
}
