package io.calbridge.provisioning;

import io.calbridge.common.cloudevents.CloudEventCodec;
import io.calbridge.common.events.CalbridgeEvent;
import io.calbridge.emulator.EmulatorOptions;
import io.calbridge.emulator.GraphEmulator;
import io.calbridge.service.security.ApiKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** What the provisioning ITs share: the emulator, API keys, an HTTP client, and a reader of the real topics. */
final class ProvisioningHarness {

    static final String SCOPED = "11111111-aaaa-4000-8000-000000000001";
    static final String SCOPED_APP = "00000000-0000-4000-8000-0000000000a1";
    static final String SCOPED_SECRET = "scoped-secret-value-4711";
    static final String LEAKY = "22222222-bbbb-4000-8000-000000000002";
    static final String LEAKY_APP = "00000000-0000-4000-8000-0000000000b2";
    static final String LEAKY_SECRET = "leaky-secret-value-0815";

    static final String OPERATOR_KEY = "operator-key-" + UUID.randomUUID();
    static final String SCOPED_ADMIN_KEY = "scoped-admin-key-" + UUID.randomUUID();
    static final String ENCRYPTION_KEY = io.calbridge.common.crypto.CredentialSeal.newBase64Key();

    static final GraphEmulator EMULATOR = GraphEmulator.start(EmulatorOptions.defaults());

    static {
        EMULATOR.seed(resource("/seeds/provisioning.json"));
    }

    static String apiKeys() {
        return ApiKeys.entryFor("ops", "*", OPERATOR_KEY) + "," + ApiKeys.entryFor("scoped-admin", SCOPED, SCOPED_ADMIN_KEY);
    }

    static String trustPem() {
        try {
            return Files.readString(EMULATOR.certificatePem());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String resource(String name) {
        try (InputStream in = ProvisioningHarness.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "") + "\"";
    }

    /** A registration body for a secret credential against the emulator. */
    static String registration(String tenantId, String clientId, String secret, String policyJson) {
        return """
                {"tenantId":%s,"displayName":"Tenant %s","clientId":%s,
                 "authorityHost":%s,"graphBaseUrl":%s,"authorityTrustPem":%s,
                 "credential":{"kind":"CLIENT_SECRET","secret":%s,"expiresAt":"2099-01-01T00:00:00Z"},
                 "policy":%s}""".formatted(json(tenantId), tenantId.substring(0, 8), json(clientId),
                json(EMULATOR.authorityHost()), json(EMULATOR.graphBaseUrl()), json(trustPem()), json(secret), policyJson);
    }

    /** Plain HTTP against the running service. */
    record Http(int port) {
        private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        HttpResponse<String> send(String method, String path, String key, String body) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(60));
            if (key != null) {
                b.header("Authorization", "Bearer " + key);
            }
            if (body != null) {
                b.header("Content-Type", "application/json");
            }
            b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            try {
                return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Reads topics from the beginning on a background thread and keeps every record. */
    static final class TopicReader implements AutoCloseable {
        final List<ConsumerRecord<String, byte[]>> records = new CopyOnWriteArrayList<>();
        private final KafkaConsumer<String, byte[]> consumer;
        private final Thread thread;
        private volatile boolean running = true;

        TopicReader(String bootstrap, List<String> topics) {
            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            p.put(ConsumerConfig.GROUP_ID_CONFIG, "provisioning-it-reader-" + UUID.randomUUID());
            p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            p.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "500");
            p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
            consumer = new KafkaConsumer<>(p);
            consumer.subscribe(topics);
            thread = Thread.ofPlatform().daemon().name("it-topic-reader").start(() -> {
                while (running) {
                    consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                }
                consumer.close();
            });
        }

        List<ConsumerRecord<String, byte[]>> on(String topic) {
            return records.stream().filter(r -> r.topic().equals(topic)).toList();
        }

        List<CalbridgeEvent> events(String topic) {
            CloudEventCodec codec = new CloudEventCodec("/it");
            List<CalbridgeEvent> out = new ArrayList<>();
            for (ConsumerRecord<String, byte[]> r : on(topic)) {
                out.add(codec.decode(r));
            }
            return out;
        }

        @Override
        public void close() {
            running = false;
        }
    }

    static Map<String, String> headers(ConsumerRecord<String, byte[]> record) {
        Map<String, String> out = new HashMap<>();
        for (Header h : record.headers()) {
            out.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
        }
        return out;
    }

    static KafkaProducer<String, byte[]> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(p);
    }

    static void publish(KafkaProducer<String, byte[]> producer, CalbridgeEvent event) {
        send(producer, new CloudEventCodec("/hr-system").encodeRecord(event, UUID.randomUUID(), Instant.now()));
    }

    static void send(KafkaProducer<String, byte[]> producer, ProducerRecord<String, byte[]> record) {
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private ProvisioningHarness() {
    }
}
