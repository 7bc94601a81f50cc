package io.calbridge.roombooking.availability.application;

import io.calbridge.roombooking.availability.domain.BusySlot;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Free/busy straight from Exchange ({@code getSchedule}), for rooms the index does not cover yet. */
public interface RoomSchedules {

    /**
     * Busy slots per room address, without subjects. Implementations chunk by 20 schedules and by windows under 62
     * days (GRAPH-FACTS §5.4).
     */
    Map<String, List<BusySlot>> busy(String tenantId, List<String> roomEmails, Instant start, Instant end);
}
