package io.calbridge.bench.emulator;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import javax.management.ListenerNotFoundException;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Records every collection the JVM reports while open: collector, cause and duration. For G1 the young and
 * mixed collections are stop-the-world pauses; "G1 Concurrent GC" entries are mostly concurrent work.
 */
final class GcPauses implements AutoCloseable {

    /** One collection. */
    record Collection(String collector, String action, String cause, long millis) {
    }

    private final List<Collection> collections = new ArrayList<>();
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = (notification, handback) -> {
        if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
            synchronized (collections) {
                collections.add(new Collection(info.getGcName(), info.getGcAction(), info.getGcCause(), info.getGcInfo().getDuration()));
            }
        }
    };

    GcPauses() {
        for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (bean instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
                emitters.add(emitter);
            }
        }
    }

    /** The collections seen so far, excluding the concurrent cycles of G1 ("G1 Concurrent GC"). */
    List<Collection> pauses() {
        synchronized (collections) {
            return collections.stream().filter(c -> !c.collector().contains("Concurrent")).toList();
        }
    }

    @Override
    public void close() {
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(listener);
            } catch (ListenerNotFoundException e) {
                // already gone
            }
        }
    }
}
