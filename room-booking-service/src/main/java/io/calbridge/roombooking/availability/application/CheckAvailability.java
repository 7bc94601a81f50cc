package io.calbridge.roombooking.availability.application;

import io.calbridge.roombooking.availability.domain.BusySlot;
import io.calbridge.roombooking.availability.domain.RoomAvailability;
import io.calbridge.roombooking.room.domain.Room;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Free/busy of many rooms: from the availability index plus Calbridge's own live bookings, and from getSchedule for
 * rooms whose index is still cold. Subjects never leave this class because they never enter it.
 */
public class CheckAvailability {

    private final AvailabilityIndex index;
    private final RoomSchedules schedules;

    public CheckAvailability(AvailabilityIndex index, RoomSchedules schedules) {
        this.index = index;
        this.schedules = schedules;
    }

    public List<RoomAvailability> check(String tenantId, List<Room> rooms, Instant start, Instant end) {
        List<String> ids = rooms.stream().map(Room::mailboxId).filter(id -> id != null).toList();
        AvailabilityIndex.WarmRooms indexed = index.warmWithEvents(tenantId, ids, start, end);
        Set<String> warm = indexed.rooms();
        Map<String, List<BusySlot>> byRoom = new HashMap<>();
        Set<UUID> live = new HashSet<>();
        for (AvailabilityIndex.HeldSlot h : indexed.held()) {
            byRoom.computeIfAbsent(h.roomId(), k -> new ArrayList<>()).add(h.slot());
            live.add(h.slot().bookingId());
        }
        for (AvailabilityIndex.IndexedSlot e : indexed.events()) {
            if (!e.blocks() || (e.bookingId() != null && live.contains(e.bookingId()))) {
                continue;
            }
            byRoom.computeIfAbsent(e.roomId(), k -> new ArrayList<>()).add(new BusySlot(e.start(), e.end(), status(e.showAs()), null));
        }
        List<String> cold = rooms.stream().filter(r -> r.mailboxId() == null || !warm.contains(r.mailboxId()))
                .map(Room::email).toList();
        Map<String, List<BusySlot>> fromExchange = cold.isEmpty() ? Map.of() : schedules.busy(tenantId, cold, start, end);
        List<RoomAvailability> out = new ArrayList<>();
        for (Room room : rooms) {
            List<BusySlot> busy = new ArrayList<>(room.mailboxId() == null ? List.of()
                    : byRoom.getOrDefault(room.mailboxId(), List.of()));
            boolean isWarm = room.mailboxId() != null && warm.contains(room.mailboxId());
            if (!isWarm) {
                for (BusySlot s : fromExchange.getOrDefault(room.email().toLowerCase(Locale.ROOT), List.of())) {
                    // Our own bookings are already listed with their id.
                    boolean ours = busy.stream().anyMatch(b -> b.bookingId() != null && b.start().equals(s.start()) && b.end().equals(s.end()));
                    if (!ours) {
                        busy.add(s);
                    }
                }
            }
            out.add(new RoomAvailability(room.mailboxId(), room.email(), isWarm ? "index" : "getSchedule", busy));
        }
        return out;
    }

    private static String status(String showAs) {
        return switch (showAs) {
            case "TENTATIVE" -> "tentative";
            case "OUT_OF_OFFICE" -> "oof";
            default -> "busy";
        };
    }
}
