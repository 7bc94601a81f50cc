package io.calbridge.roombooking.availability.adapter.out.graph;

import com.microsoft.graph.models.DateTimeTimeZone;
import com.microsoft.graph.models.FreeBusyStatus;
import com.microsoft.graph.models.ScheduleInformation;
import com.microsoft.graph.models.ScheduleItem;
import com.microsoft.graph.users.item.calendar.getschedule.GetSchedulePostRequestBody;
import com.microsoft.graph.users.item.calendar.getschedule.GetSchedulePostResponse;
import io.calbridge.graph.GraphFailure;
import io.calbridge.graph.GraphTarget;
import io.calbridge.graph.Priority;
import io.calbridge.graph.TenantGraph;
import io.calbridge.roombooking.availability.application.RoomSchedules;
import io.calbridge.roombooking.availability.domain.BusySlot;
import io.calbridge.roombooking.booking.domain.CalendarUnavailable;
import io.calbridge.service.graph.TenantGraphs;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * {@code POST /users/{room}/calendar/getSchedule} in chunks of 20 schedules and windows of at most 61 days
 * (GRAPH-FACTS §5.4), run in parallel. Only status, start and end of each item are kept.
 */
@Component
public class GraphRoomSchedules implements RoomSchedules {

    static final int SCHEDULES_PER_CALL = 20;
    static final Duration MAX_WINDOW = Duration.ofDays(61);
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private final TenantGraphs graphs;
    private final Duration timeout;

    public GraphRoomSchedules(TenantGraphs graphs, @Value("${roombooking.graph.timeout:PT30S}") Duration timeout) {
        this.graphs = graphs;
        this.timeout = timeout;
    }

    @Override
    public Map<String, List<BusySlot>> busy(String tenantId, List<String> roomEmails, Instant start, Instant end) {
        TenantGraph graph = graphs.forTenant(tenantId);
        List<CompletableFuture<GetSchedulePostResponse>> calls = new ArrayList<>();
        for (int i = 0; i < roomEmails.size(); i += SCHEDULES_PER_CALL) {
            List<String> chunk = roomEmails.subList(i, Math.min(roomEmails.size(), i + SCHEDULES_PER_CALL));
            for (Instant from = start; from.isBefore(end); from = from.plus(MAX_WINDOW)) {
                Instant to = from.plus(MAX_WINDOW).isBefore(end) ? from.plus(MAX_WINDOW) : end;
                GetSchedulePostRequestBody body = new GetSchedulePostRequestBody();
                body.setSchedules(List.copyOf(chunk));
                body.setStartTime(dateTime(from));
                body.setEndTime(dateTime(to));
                body.setAvailabilityViewInterval(15);
                String asker = chunk.getFirst();
                calls.add(graph.call(GraphTarget.mailbox(asker), Priority.INTERACTIVE,
                        sdk -> sdk.users().byUserId(asker).calendar().getSchedule().post(body)));
            }
        }
        Map<String, List<BusySlot>> out = new HashMap<>();
        for (CompletableFuture<GetSchedulePostResponse> call : calls) {
            for (ScheduleInformation info : await(call).getValue()) {
                List<BusySlot> slots = out.computeIfAbsent(info.getScheduleId().toLowerCase(Locale.ROOT), k -> new ArrayList<>());
                if (info.getScheduleItems() == null) {
                    continue;
                }
                for (ScheduleItem item : info.getScheduleItems()) {
                    String status = status(item.getStatus());
                    if (status != null) {
                        slots.add(new BusySlot(instant(item.getStart()), instant(item.getEnd()), status, null));
                    }
                }
            }
        }
        return out;
    }

    private static String status(FreeBusyStatus s) {
        if (s == null) {
            return "busy";
        }
        return switch (s) {
            case Free, WorkingElsewhere -> null;
            case Tentative -> "tentative";
            case Oof -> "oof";
            default -> "busy";
        };
    }

    private static DateTimeTimeZone dateTime(Instant instant) {
        DateTimeTimeZone d = new DateTimeTimeZone();
        d.setDateTime(LOCAL.format(instant.atOffset(ZoneOffset.UTC)));
        d.setTimeZone("UTC");
        return d;
    }

    private static Instant instant(DateTimeTimeZone d) {
        return LocalDateTime.parse(d.getDateTime()).toInstant(ZoneOffset.UTC);
    }

    private <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            boolean temporary = cause instanceof GraphFailure.Throttled || cause instanceof GraphFailure.CircuitOpen
                    || cause instanceof GraphFailure.Transient;
            throw new CalendarUnavailable("getSchedule failed: " + cause.getMessage(), temporary, cause);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new CalendarUnavailable("getSchedule did not answer within " + timeout, true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CalendarUnavailable("interrupted", true, e);
        }
    }
}
