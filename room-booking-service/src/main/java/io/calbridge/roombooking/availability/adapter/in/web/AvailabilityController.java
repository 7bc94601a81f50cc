package io.calbridge.roombooking.availability.adapter.in.web;

import io.calbridge.roombooking.availability.application.CheckAvailability;
import io.calbridge.roombooking.availability.domain.RoomAvailability;
import io.calbridge.roombooking.room.application.Rooms;
import io.calbridge.roombooking.room.domain.Room;
import io.calbridge.roombooking.room.domain.RoomFilter;
import io.calbridge.service.problems.Problems;
import io.calbridge.service.security.Caller;
import io.calbridge.service.tenants.TenantRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.annotation.JsonSerialize;

/** Room search and free/busy of a tenant's rooms. */
@RestController
@RequestMapping("/api/tenants/{tenantId}")
@Tag(name = "Rooms and availability")
public class AvailabilityController {

    private static final Duration MAX_WINDOW = Duration.ofDays(62);

    private final TenantRegistry tenants;
    private final Rooms rooms;
    private final CheckAvailability availability;

    public AvailabilityController(TenantRegistry tenants, Rooms rooms, CheckAvailability availability) {
        this.tenants = tenants;
        this.rooms = rooms;
        this.availability = availability;
    }

    /** A room in listings. */
    public record RoomResponse(String id, String email, String displayName, Integer capacity, String building,
                               Integer floorNumber, String floorLabel, List<String> features, Boolean wheelchairAccessible,
                               String bookingType, List<String> roomLists, boolean bookable, boolean listedInPlaces) {
        static RoomResponse of(Room r) {
            return new RoomResponse(r.mailboxId(), r.email(), r.displayName(), r.capacity(), r.building(),
                    r.floorNumber(), r.floorLabel(), r.tags(), r.wheelchairAccessible(), r.bookingType(), r.roomLists(),
                    r.bookable(), r.inPlaces());
        }
    }

    /** Free/busy of one room; busy slots carry a status and, for Calbridge's own bookings, the booking id. */
    public record AvailabilityResponse(String roomId, String roomEmail, String source, List<Slot> busy) {
        public record Slot(@JsonSerialize(using = UtcInstantSerializer.class) Instant start,
                           @JsonSerialize(using = UtcInstantSerializer.class) Instant end,
                           String status, String bookingId) {}

        static AvailabilityResponse of(RoomAvailability a) {
            return new AvailabilityResponse(a.roomId(), a.roomEmail(), a.source(), a.busy().stream()
                    .map(b -> new Slot(b.start(), b.end(), b.status(), b.bookingId() == null ? null : b.bookingId().toString()))
                    .toList());
        }
    }

    @GetMapping("/rooms")
    @Operation(summary = "List rooms", description = "Filters: minCapacity, building, floor, features (comma-separated"
            + " tags; 'wheelchair' too), roomList (SMTP address), bookable, and free between start and end.")
    public List<RoomResponse> rooms(io.calbridge.service.security.Caller caller, @PathVariable String tenantId,
                                    @RequestParam(required = false) Integer minCapacity,
                                    @RequestParam(required = false) String building,
                                    @RequestParam(required = false) Integer floor,
                                    @RequestParam(required = false) List<String> features,
                                    @RequestParam(required = false) String roomList,
                                    @RequestParam(required = false, defaultValue = "false") boolean bookable,
                                    @RequestParam(required = false) Instant start,
                                    @RequestParam(required = false) Instant end) {
        authorize(caller, tenantId);
        RoomFilter filter = new RoomFilter(minCapacity, building, floor, features, roomList, bookable || start != null);
        List<Room> matching = rooms.all(tenantId).stream().filter(r -> r.matches(filter)).toList();
        if (start == null && end == null) {
            return matching.stream().map(RoomResponse::of).toList();
        }
        window(start, end);
        List<RoomAvailability> free = availability.check(tenantId, matching, start, end);
        Map<String, Room> byEmail = matching.stream().collect(Collectors.toMap(Room::email, Function.identity()));
        return free.stream().filter(a -> a.freeBetween(start, end)).map(a -> RoomResponse.of(byEmail.get(a.roomEmail()))).toList();
    }

    @GetMapping("/availability")
    @Operation(summary = "Free/busy of many rooms", description = "rooms: comma-separated room ids or SMTP addresses."
            + " Served from the availability index; rooms it does not cover yet come from getSchedule (source field)."
            + " Never shows the subjects of other people's meetings.")
    public List<AvailabilityResponse> availability(Caller caller, @PathVariable String tenantId,
                                                   @RequestParam String rooms, @RequestParam Instant start,
                                                   @RequestParam Instant end) {
        authorize(caller, tenantId);
        window(start, end);
        List<String> refs = Arrays.stream(rooms.split(",")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
        Map<String, Room> found = this.rooms.findAll(tenantId, refs);
        List<Room> wanted = new ArrayList<>();
        for (String ref : refs) {
            Room room = found.get(ref);
            if (room == null) {
                throw new UnknownRooms(ref);
            }
            wanted.add(room);
        }
        if (wanted.isEmpty()) {
            throw new BadWindow("rooms", "Give at least one room");
        }
        return availability.check(tenantId, wanted, start, end).stream().map(AvailabilityResponse::of).toList();
    }

    private static void window(Instant start, Instant end) {
        if (start == null || end == null) {
            throw new BadWindow(start == null ? "start" : "end", "Give both start and end");
        }
        if (!end.isAfter(start)) {
            throw new BadWindow("end", "end must be after start");
        }
        if (Duration.between(start, end).compareTo(MAX_WINDOW) > 0) {
            throw new BadWindow("end", "The window may span at most 62 days");
        }
    }

    private void authorize(Caller caller, String tenantId) {
        caller.requireTenant(tenantId);
        tenants.require(tenantId);
    }

    @ExceptionHandler
    ProblemDetail on(BadWindow e) {
        ProblemDetail p = Problems.of(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", e.getMessage());
        p.setProperty("field", e.field);
        return p;
    }

    @ExceptionHandler
    ProblemDetail on(UnknownRooms e) {
        ProblemDetail p = Problems.of(HttpStatus.NOT_FOUND, "room-not-found", "Room not found", e.getMessage());
        p.setProperty("room", e.room);
        return p;
    }

    static final class BadWindow extends RuntimeException {
        final String field;

        BadWindow(String field, String message) {
            super(message);
            this.field = field;
        }
    }

    static final class UnknownRooms extends RuntimeException {
        final String room;

        UnknownRooms(String room) {
            super("The tenant has no room " + room);
            this.room = room;
        }
    }
}
