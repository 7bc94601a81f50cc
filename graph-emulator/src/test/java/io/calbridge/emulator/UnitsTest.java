package io.calbridge.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.calbridge.emulator.auth.RecipientFilter;
import io.calbridge.emulator.calendar.EventIds;
import io.calbridge.emulator.calendar.Recurrence;
import io.calbridge.emulator.odata.Filter;
import io.calbridge.emulator.odata.GraphException;
import io.calbridge.emulator.odata.Json;
import io.calbridge.emulator.store.DirectoryUser;
import io.calbridge.emulator.store.Tenant;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The small parsers and calculators behind the routes. */
class UnitsTest {
    @Test
    void filterSupportsComparisonsFunctionsAndLambdas() {
        ObjectNode user = (ObjectNode) Json.parse("""
                {"displayName":"Alice","capacity":12,"enabled":true,"tags":["a","b"],
                 "singleValueExtendedProperties":[{"id":"String {x} Name t","value":"v1"}]}""");

        assertThat(Filter.parse("displayName eq 'alice'").test(user)).isTrue();
        assertThat(Filter.parse("capacity ge 10 and capacity lt 13").test(user)).isTrue();
        assertThat(Filter.parse("not (enabled eq true) or startswith(displayName,'Al')").test(user)).isTrue();
        assertThat(Filter.parse("displayName in ('Bob','Alice')").test(user)).isTrue();
        assertThat(Filter.parse("tags/any(t: t eq 'b')").test(user)).isTrue();
        assertThat(Filter.parse("singleValueExtendedProperties/Any(ep: ep/id eq 'String {x} Name t' and ep/value eq 'v2')").test(user)).isFalse();
        assertThatThrownBy(() -> Filter.parse("displayName eq")).isInstanceOf(GraphException.class);
        assertThatThrownBy(() -> Filter.parse("length(displayName) eq 5"))
                .isInstanceOfSatisfying(GraphException.class, e -> assertThat(e.status()).isEqualTo(501));
    }

    @Test
    void weeklyRecurrenceRespectsDaysIntervalAndCount() {
        var rec = Json.parse("""
                {"pattern":{"type":"weekly","interval":2,"daysOfWeek":["monday","thursday"],"firstDayOfWeek":"monday"},
                 "range":{"type":"numbered","startDate":"2026-09-07","numberOfOccurrences":5}}""");
        Instant start = Instant.parse("2026-09-07T09:00:00Z");

        List<Instant> starts = Recurrence.starts(rec, start, "UTC", 1800, Instant.parse("2026-09-01T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z"));

        assertThat(starts).containsExactly(Instant.parse("2026-09-07T09:00:00Z"), Instant.parse("2026-09-10T09:00:00Z"),
                Instant.parse("2026-09-21T09:00:00Z"), Instant.parse("2026-09-24T09:00:00Z"), Instant.parse("2026-10-05T09:00:00Z"));
    }

    @Test
    void recurrenceKeepsLocalTimeAcrossDaylightSaving() {
        var rec = Json.parse("""
                {"pattern":{"type":"daily","interval":1},"range":{"type":"endDate","startDate":"2026-10-24","endDate":"2026-10-26"}}""");
        Instant start = Instant.parse("2026-10-24T07:00:00Z"); // 09:00 in Berlin, summer time

        List<Instant> starts = Recurrence.starts(rec, start, "W. Europe Standard Time", 1800, start.minusSeconds(86400), start.plusSeconds(5 * 86400));

        assertThat(starts).containsExactly(Instant.parse("2026-10-24T07:00:00Z"), Instant.parse("2026-10-25T08:00:00Z"), Instant.parse("2026-10-26T08:00:00Z"));
    }

    @Test
    void occurrenceIdsRoundTripAndMalformedIdsAreRejected() {
        String master = EventIds.newId();
        Instant when = Instant.parse("2026-09-07T09:00:00Z");

        EventIds.Occurrence occ = EventIds.parse(EventIds.occurrence(master, when));

        assertThat(occ.masterId()).isEqualTo(master);
        assertThat(occ.originalStart()).isEqualTo(when);
        assertThat(EventIds.parse(master)).isNull();
        assertThatThrownBy(() -> EventIds.parse("AAMkA!!"))
                .isInstanceOfSatisfying(GraphException.class, e -> assertThat(e.code()).isEqualTo("ErrorInvalidIdMalformed"));
    }

    @Test
    void evictedTombstonesMakeOldDeltaStateUnservable() {
        var cal = new io.calbridge.emulator.store.MailboxCalendar("m");
        Instant now = Instant.parse("2026-09-07T09:00:00Z");

        for (int v = 1; v <= io.calbridge.emulator.store.MailboxCalendar.MAX_TOMBSTONES + 5; v++) cal.tombstone("id" + v, v, now, now);

        assertThat(cal.syncStateLost(0)).isTrue();
        assertThat(cal.syncStateLost(10)).isFalse();
        assertThat(cal.tombstonesAfter(0)).hasSize(io.calbridge.emulator.store.MailboxCalendar.MAX_TOMBSTONES);
    }

    @Test
    void recipientFilterReadsCustomAttributesAndDepartment() {
        Tenant t = new Tenant("t", "t");
        DirectoryUser u = new DirectoryUser("u", Json.object().put("userPrincipalName", "u@x").put("department", "Sales"),
                Map.of("CustomAttribute1", "calsync"), DirectoryUser.MailboxKind.USER, 0);

        assertThat(RecipientFilter.matches("CustomAttribute1 -eq 'calsync'", t, u)).isTrue();
        assertThat(RecipientFilter.matches("CustomAttribute1 -eq 'calsync' -and Department -ne 'Sales'", t, u)).isFalse();
        assertThat(RecipientFilter.matches("CustomAttribute2 -eq 'x' -or Department -like 'Sa*'", t, u)).isTrue();
    }
}
