package io.calbridge.sync.push.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventContentTest {

    private static final Instant NINE = Instant.parse("2026-12-01T09:00:00Z");

    private static EventContent lesson(String subject) {
        return lesson(subject, null);
    }

    private static EventContent lesson(String subject, List<String> categories) {
        return new EventContent(subject, "Room 101", NINE, NINE.plusSeconds(5400), false, "Europe/Amsterdam", "busy", null, null,
                List.of(new EventContent.Guest("bob@contoso.com", "Bob", "required")), categories);
    }

    @Test
    void theSameContentHasTheSameDigest() {
        assertThat(lesson("Algebra").hash()).isEqualTo(lesson("Algebra").hash());
    }

    @Test
    void anyChangedFieldChangesTheDigest() {
        assertThat(lesson("Algebra").hash()).isNotEqualTo(lesson("Algebra II").hash());
    }

    @Test
    void categoriesChangeTheDigestAndAbsentDiffersFromEmpty() {
        assertThat(lesson("Algebra", List.of("Maths")).hash())
                .isNotEqualTo(lesson("Algebra", List.of("Maths", "Exam")).hash())
                .isNotEqualTo(lesson("Algebra").hash());
        assertThat(lesson("Algebra", List.of()).hash()).isNotEqualTo(lesson("Algebra").hash());
        assertThat(lesson("Algebra", List.of("Maths")).hash()).isEqualTo(lesson("Algebra", List.of("Maths")).hash());
    }
}
