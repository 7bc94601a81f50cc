package io.calbridge.emulator.store;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A room: its {@code microsoft.graph.room} properties and its mailbox's calendar-processing settings.
 * The room's mailbox is a user with {@link DirectoryUser.MailboxKind#ROOM} and the same id.
 */
public record Room(String id, String emailAddress, ObjectNode graph, Booking booking) {

    /**
     * The Set-CalendarProcessing subset the booking assistant honours (GRAPH-FACTS §6.2).
     *
     * @param automateProcessing {@code AutoAccept}, {@code AutoUpdate} or {@code None}
     * @param maximumDurationInMinutes 0 means unlimited
     */
    public record Booking(String automateProcessing, boolean allowConflicts, int bookingWindowInDays, int maximumDurationInMinutes) {
        public static Booking defaults() { return new Booking("AutoAccept", false, 180, 1440); }
    }
}
