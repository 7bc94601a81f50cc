package io.calbridge.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void listsEveryTopicOfTheArchitectureTableOnce() {
        var topics = Topics.all();

        assertThat(topics).containsExactly(
                "directory.users",
                "provisioning.enrollments",
                "provisioning.accounts",
                "sync.calendar-events",
                "sync.pushes",
                "room-booking.bookings",
                "sync.notifications",
                "provisioning.tenants");
    }

    @Test
    void namesEveryTopicOwnerDotKebabCasePlural() {
        var topics = Topics.ALL;

        assertThat(topics).allMatch(topic -> topic.matches("[a-z]+(-[a-z]+)*\\.[a-z]+(-[a-z]+)*"));
    }

    @Test
    void namesTheDeadLetterTopicAfterTopicAndGroup() {
        String dlq = Topics.dlq(Topics.ACCOUNTS, "sync-service");

        assertThat(dlq).isEqualTo("provisioning.accounts.sync-service.dlq");
    }

    @Test
    void rejectsABlankGroupForADeadLetterTopic() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Topics.dlq(Topics.ACCOUNTS, " "))
                .withMessageContaining("must not be blank");
    }
}
