package io.calbridge.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.calbridge.emulator.calendar.CalendarService;
import io.calbridge.emulator.calendar.Instance;
import io.calbridge.emulator.odata.Json;
import io.calbridge.emulator.store.DirectoryUser;
import io.calbridge.emulator.store.InMemoryStore;
import io.calbridge.emulator.store.Tenant;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-mailbox start index answers windows exactly, however many events a mailbox holds. */
class StoreScaleTest {
    @Test
    void windowedViewsMatchABruteForceScanOverManyEvents() {
        Tenant t = new InMemoryStore().tenantOrCreate("t", "t");
        CalendarService calendar = new CalendarService(EmulatorOptions.defaults(), Clock.systemUTC());
        DirectoryUser user = new DirectoryUser("u", Json.object().put("id", "u").put("userPrincipalName", "u@x"), new HashMap<>(),
                DirectoryUser.MailboxKind.USER, 0);
        t.users.put("u", user);
        LocalDateTime base = LocalDateTime.of(2026, 1, 1, 0, 0);
        for (int i = 0; i < 20_000; i++) {
            LocalDateTime s = base.plusMinutes(37L * i);
            ObjectNode b = Json.object().put("subject", "E" + i);
            b.putObject("start").put("dateTime", s.toString()).put("timeZone", "UTC");
            b.putObject("end").put("dateTime", s.plusMinutes(i % 7 == 0 ? 600 : 30).toString()).put("timeZone", "UTC");
            calendar.create(t, user, b, CalendarService.Source.GRAPH);
        }
        Instant from = base.plusDays(100).toInstant(ZoneOffset.UTC);
        Instant to = from.plusSeconds(86_400);

        List<Instance> view = calendar.view(t, "u", from, to);

        long expected = t.calendar("u").all().stream().filter(e -> e.start.isBefore(to) && e.end.isAfter(from)).count();
        assertThat(view).hasSize((int) expected).isNotEmpty();
        assertThat(view).isSortedAccordingTo(java.util.Comparator.comparing(Instance::start));
    }
}
