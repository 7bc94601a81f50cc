package io.calbridge.roombooking.it;

import io.calbridge.common.cloudevents.CloudEventCodec;
import io.calbridge.common.cloudevents.EventMessage;
import io.calbridge.common.cloudevents.KafkaMessages;
import io.calbridge.common.crypto.CredentialSeal;
import io.calbridge.common.events.CalbridgeEvent;
import io.calbridge.common.events.MailboxKind;
import io.calbridge.common.events.account.AccountConnected;
import io.calbridge.common.events.tenant.SealedCredential;
import io.calbridge.common.events.tenant.TenantConfigured;
import io.calbridge.emulator.GraphEmulator;
import io.calbridge.testsupport.TestInfrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What the room-booking ITs share: a tenant seeded in the emulator, provisioning's and sync's events published to the
 * real broker with a plain producer and the codec (as those services would), and the bookings topic read back.
 */
final class RoomBookingStack {

    static final String CLIENT_ID = "0000aaaa-0000-0000-0000-00000000b001";
    static final String SECRET = "room-booking-it-secret";
    static final String ENCRYPTION_KEY = CredentialSeal.newBase64Key();

    private static final CloudEventCodec PROVISIONING = new CloudEventCodec("/provisioning-service");
    private static final CloudEventCodec SYNC = new CloudEventCodec("/sync-service");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private RoomBookingStack() {
    }

    /** A seed with two people and three rooms in one room list. */
    static String seed(String tenantId, String domain, RoomSpec... rooms) {
        StringBuilder roomJson = new StringBuilder();
        StringBuilder listMembers = new StringBuilder();
        for (RoomSpec r : rooms) {
            if (!roomJson.isEmpty()) {
                roomJson.append(',');
                listMembers.append(',');
            }
            roomJson.append("""
                    {"id":"%s","emailAddress":"%s","displayName":"%s","capacity":%d,"building":"HQ","floorNumber":%d,
                     "tags":[%s],"isWheelChairAccessible":%s,
                     "booking":{"automateProcessing":"AutoAccept","allowConflicts":false,"bookingWindowInDays":180,"maximumDurationInMinutes":1440}}
                    """.formatted(r.id(), r.email(), r.name(), r.capacity(), r.floor(),
                    String.join(",", r.tags().stream().map(t -> "\"" + t + "\"").toList()), r.wheelchair()));
            listMembers.append('"').append(r.email()).append('"');
        }
        return """
                {"tenants":[{"id":"%1$s","domain":"%2$s",
                  "apps":[{"clientId":"%3$s","displayName":"Calbridge room-booking IT","secrets":[{"value":"%4$s","expires":"2099-01-01T00:00:00Z"}],
                           "roles":["Calendars.ReadWrite","User.Read.All","Place.Read.All"],"adminConsent":true}],
                  "users":[{"id":"0000u001-0000-0000-0000-000000000001","userPrincipalName":"alice@%2$s","displayName":"Alice Adams"},
                           {"id":"0000u002-0000-0000-0000-000000000002","userPrincipalName":"bob@%2$s","displayName":"Bob Brown"}],
                  "rooms":[%5$s],
                  "roomLists":[{"emailAddress":"hq-rooms@%2$s","displayName":"HQ rooms","rooms":[%6$s]}]}]}
                """.formatted(tenantId, domain, CLIENT_ID, SECRET, roomJson, listMembers);
    }

    record RoomSpec(String id, String email, String name, int capacity, int floor, List<String> tags, boolean wheelchair) {}

    static TenantConfigured tenantConfigured(String tenantId, GraphEmulator graph) {
        CredentialSeal seal = CredentialSeal.fromBase64Key(ENCRYPTION_KEY);
        String pem;
        try {
            pem = Files.readString(graph.certificatePem());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SealedCredential credential = new SealedCredential("cred-1", SealedCredential.Kind.CLIENT_SECRET,
                seal.seal(SECRET.toCharArray(), tenantId + "/cred-1"), null, Instant.parse("2099-01-01T00:00:00Z"));
        return new TenantConfigured(tenantId, "Room booking IT", CLIENT_ID, graph.authorityHost(), graph.graphBaseUrl(),
                pem, List.of(credential), 1, Instant.now(), null);
    }

    static AccountConnected roomConnected(String tenantId, RoomSpec room, String roomList) {
        return new AccountConnected(tenantId, room.id(), room.email(), MailboxKind.ROOM, room.name(), roomList,
                Instant.now(), null);
    }

    static void publish(CalbridgeEvent... events) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrap());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p)) {
            for (CalbridgeEvent event : events) {
                CloudEventCodec codec = event instanceof io.calbridge.common.events.calendar.CalendarEvent ? SYNC : PROVISIONING;
                EventMessage message = codec.encode(event, UUID.randomUUID(), Instant.now());
                producer.send(KafkaMessages.toProducerRecord(message)).get();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A consumer of the bookings topic from its beginning. */
    static KafkaConsumer<String, byte[]> bookingsConsumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrap());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "room-booking-it-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p);
        consumer.subscribe(List.of(io.calbridge.common.Topics.BOOKINGS));
        return consumer;
    }

    static List<ConsumerRecord<String, byte[]>> poll(KafkaConsumer<String, byte[]> consumer, List<ConsumerRecord<String, byte[]>> seen) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
            seen.add(r);
        }
        return new ArrayList<>(seen);
    }

    static HttpResponse<String> http(String method, String url, String apiKey, String body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (apiKey != null) {
            b.header("X-Api-Key", apiKey);
        }
        headers.forEach(b::header);
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
