package io.calbridge.common.cloudevents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.calbridge.common.Topics;
import io.calbridge.common.events.EventFixtures;
import io.calbridge.common.events.booking.RoomBooked;
import org.junit.jupiter.api.Test;

class EventTypesTest {

    @Test
    void registersTheTwelveTypesOfTheArchitectureTable() {
        var ceTypes = EventTypes.ALL.stream().map(EventType::ceType).toList();

        assertThat(ceTypes).containsExactly(
                "io.calbridge.directory.UserOnboarded.v1",
                "io.calbridge.directory.UserOffboarded.v1",
                "io.calbridge.enrollment.MailboxEnrolled.v1",
                "io.calbridge.enrollment.MailboxEnrollmentFailed.v1",
                "io.calbridge.enrollment.MailboxUnenrolled.v1",
                "io.calbridge.account.AccountConnected.v1",
                "io.calbridge.account.AccountDisconnected.v1",
                "io.calbridge.calendar.CalendarEventChanged.v1",
                "io.calbridge.push.CalendarEventPushRequested.v1",
                "io.calbridge.booking.RoomBooked.v1",
                "io.calbridge.booking.RoomBookingCancelled.v1",
                "io.calbridge.booking.RoomBookingDeclined.v1",
                "io.calbridge.tenant.TenantConfigured.v1",
                "io.calbridge.tenant.TenantRemoved.v1");
    }

    @Test
    void registersEachTypeOnTheTopicItsRecordNames() {
        var fixtures = EventFixtures.byCeType();

        assertThat(EventTypes.ALL).allSatisfy(type -> {
            assertThat(Topics.ALL).contains(type.topic());
            assertThat(fixtures.get(type.ceType()).topic()).isEqualTo(type.topic());
            assertThat(fixtures.get(type.ceType())).isInstanceOf(type.recordClass());
        });
    }

    @Test
    void findsATypeByItsWireNameAndByItsRecord() {
        var byName = EventTypes.byCeType("io.calbridge.booking.RoomBooked.v1");

        assertThat(byName).isNotNull().isEqualTo(EventTypes.of(RoomBooked.class));
        assertThat(byName.recordClass()).isEqualTo(RoomBooked.class);
    }

    @Test
    void findsNoTypeForAClassName() {
        var byClassName = EventTypes.byCeType(RoomBooked.class.getName());

        assertThat(byClassName).isNull();
    }

    @Test
    void rejectsAWireNameWithoutVersion() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new EventType("io.calbridge.booking.RoomBooked", RoomBooked.class, Topics.BOOKINGS))
                .withMessageContaining("io.calbridge.<area>.<Name>.v<major>");
    }
}
