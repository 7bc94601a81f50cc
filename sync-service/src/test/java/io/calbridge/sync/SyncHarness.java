package io.calbridge.sync;

import io.calbridge.common.cloudevents.CloudEventCodec;
import io.calbridge.common.events.CalbridgeEvent;
import io.calbridge.common.events.MailboxKind;
import io.calbridge.common.events.account.AccountConnected;
import io.calbridge.common.events.account.AccountDisconnected;
import io.calbridge.common.events.calendar.CalendarEventChanged;
import io.calbridge.common.events.tenant.SealedCredential;
import io.calbridge.common.events.tenant.TenantConfigured;
import io.calbridge.common.crypto.CredentialSeal;
import io.calbridge.emulator.EmulatorOptions;
import io.calbridge.emulator.GraphEmulator;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
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
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What sync's integration tests share: an emulator seeded with one tenant whose app may read and write calendars,
 * the tenant's configuration as provisioning would publish it, a producer for the input topics and a reader of
 * {@code sync.calendar-events}.
 */
final class SyncHarness implements AutoCloseable {

    static final String KEY = "q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=";
    static final String TENANT = "11111111-2222-3333-4444-555555555555";
    static final String DOMAIN = "contoso.onmicrosoft.com";
    static final String APP = "00000000-0000-0000-0000-00000000a001";
    static final String SECRET = "local-secret";

    final GraphEmulator emulator;
    final CloudEventCodec codec = new CloudEventCodec("/provisioning-service");
    final HttpClient http = HttpClient.newHttpClient();
    private KafkaProducer<String, byte[]> producer;
    private KafkaConsumer<String, byte[]> changes;
    private final List<CalendarEventChanged> received = new CopyOnWriteArrayList<>();

    SyncHarness(EmulatorOptions options, List<String> users) {
        this(options, users, List.of());
    }

    /** @param denied users whose mailboxes an Application Access Policy keeps out of the app's reach */
    SyncHarness(EmulatorOptions options, List<String> users, List<String> denied) {
        emulator = GraphEmulator.start(options);
        emulator.seed(seed(users, denied));
    }

    static String address(String user) {
        return user + "@" + DOMAIN;
    }

    static String id(String user) {
        return "u-" + user;
    }

    /** A tenant with our app (Calendars.ReadWrite, org-wide), the given users, and events for "alice"-like users. */
    private static String seed(List<String> users, List<String> denied) {
        LocalDate tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1);
        LocalDate seriesStart = tomorrow.plusDays(1);
        String day = seriesStart.getDayOfWeek().name().toLowerCase(Locale.ROOT);
        StringBuilder userJson = new StringBuilder();
        StringBuilder events = new StringBuilder();
        for (String u : users) {
            if (!userJson.isEmpty()) {
                userJson.append(',');
            }
            userJson.append("""
                    {"id":"%s","userPrincipalName":"%s","displayName":"%s"}""".formatted(id(u), address(u), u));
            if (!events.isEmpty()) {
                events.append(',');
            }
            events.append("""
                    {"mailbox":"%1$s","subject":"Design review","start":{"dateTime":"%2$sT10:00:00","timeZone":"UTC"},
                     "end":{"dateTime":"%2$sT11:00:00","timeZone":"UTC"},
                     "location":{"displayName":"Room 1","locationEmailAddress":"room-1@%4$s"},
                     "attendees":[{"emailAddress":{"address":"guest@%4$s","name":"Guest"},"type":"required"}]},
                    {"mailbox":"%1$s","subject":"Standup","start":{"dateTime":"%3$sT09:00:00","timeZone":"UTC"},
                     "end":{"dateTime":"%3$sT09:15:00","timeZone":"UTC"},
                     "recurrence":{"pattern":{"type":"weekly","interval":1,"daysOfWeek":["%5$s"],"firstDayOfWeek":"monday"},
                                   "range":{"type":"numbered","startDate":"%3$s","numberOfOccurrences":3}}}
                    """.formatted(address(u), tomorrow, seriesStart, DOMAIN, day));
        }
        StringBuilder policies = new StringBuilder();
        for (String u : denied) {
            if (!policies.isEmpty()) {
                policies.append(',');
            }
            policies.append("{\"appId\":\"%s\",\"groupId\":\"%s\",\"accessRight\":\"DenyAccess\"}".formatted(APP, id(u)));
        }
        return """
                {"tenants":[{"id":"%s","domain":"%s",
                  "apps":[{"clientId":"%s","displayName":"Calbridge","secrets":[{"value":"%s","expires":"2099-01-01T00:00:00Z"}],
                           "roles":["Calendars.ReadWrite","User.Read.All"],"adminConsent":true}],
                  "users":[%s],
                  "applicationAccessPolicies":[%s],
                  "events":[%s]}]}
                """.formatted(TENANT, DOMAIN, APP, SECRET, userJson, policies, events);
    }

    /** The tenant's configuration as provisioning publishes it, pointing at the emulator. */
    TenantConfigured tenantConfigured() throws Exception {
        String sealed = CredentialSeal.fromBase64Key(KEY).seal(SECRET.toCharArray(), TENANT + "/cred-1");
        return new TenantConfigured(TENANT, "Contoso", APP, emulator.authorityHost(), emulator.graphBaseUrl(), trustPem(),
                List.of(new SealedCredential("cred-1", SealedCredential.Kind.CLIENT_SECRET, sealed, null,
                        Instant.now().plus(30, ChronoUnit.DAYS))), 1, Instant.now(), null);
    }

    private String trustPem() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(emulator.trustStore())) {
            store.load(in, emulator.trustStorePassword());
        }
        StringBuilder pem = new StringBuilder();
        for (String alias : java.util.Collections.list(store.aliases())) {
            X509Certificate certificate = (X509Certificate) store.getCertificate(alias);
            pem.append("-----BEGIN CERTIFICATE-----\n")
                    .append(Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(certificate.getEncoded()))
                    .append("\n-----END CERTIFICATE-----\n");
        }
        return pem.toString();
    }

    void connectKafka(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producer = new KafkaProducer<>(p);
        changes = consumer(bootstrap, "sync-it-" + UUID.randomUUID());
        changes.subscribe(List.of("sync.calendar-events"));
    }

    static KafkaConsumer<String, byte[]> consumer(String bootstrap, String group) {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        c.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "1000");
        return new KafkaConsumer<>(c);
    }

    void publish(CalbridgeEvent event) {
        send(codec.encodeRecord(event, UUID.randomUUID(), Instant.now()));
    }

    void send(ProducerRecord<String, byte[]> record) {
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A record with valid CloudEvents headers whose payload is not JSON. */
    void sendPoison(String topic, String key, String ceType) {
        ProducerRecord<String, byte[]> r = new ProducerRecord<>(topic, key, "{not json".getBytes());
        Map.of("ce_id", UUID.randomUUID().toString(), "ce_source", "/test", "ce_type", ceType, "ce_specversion", "1.0",
                "ce_time", Instant.now().toString(), "ce_subject", key, "content-type", "application/json")
                .forEach((k, v) -> r.headers().add(new RecordHeader(k, v.getBytes())));
        send(r);
    }

    void connect(String user) {
        connect(TENANT, user);
    }

    void connect(String tenant, String user) {
        publish(new AccountConnected(tenant, id(user), address(user), MailboxKind.USER, user, null, Instant.now(), null));
    }

    /** Reads a topic from its beginning until {@code done} holds for what was read. */
    static List<ConsumerRecord<String, byte[]>> readAll(KafkaConsumer<String, byte[]> consumer, List<ConsumerRecord<String, byte[]>> into) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
            into.add(r);
        }
        return into;
    }

    void disconnect(String user) {
        publish(new AccountDisconnected(TENANT, id(user), address(user), MailboxKind.USER,
                AccountDisconnected.Reason.USER_OFFBOARDED, Instant.now(), null));
    }

    /** Every CalendarEventChanged read so far for a user's mailbox, in order. */
    synchronized List<CalendarEventChanged> changesOf(String user) {
        for (ConsumerRecord<String, byte[]> r : changes.poll(Duration.ofMillis(50))) {
            received.add((CalendarEventChanged) codec.decode(r));
        }
        List<CalendarEventChanged> out = new ArrayList<>();
        for (CalendarEventChanged c : received) {
            if (c.mailboxId().equals(id(user))) {
                out.add(c);
            }
        }
        return out;
    }

    /** A call to the emulator's control plane ("a person in Outlook", faults, delta expiry). */
    HttpResponse<String> control(String method, String path, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(emulator.controlUrl() + path));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " -> " + response.statusCode() + " " + response.body());
        }
        return response;
    }

    static LocalDate nextWeekday(DayOfWeek day) {
        LocalDate d = LocalDate.now(ZoneOffset.UTC).plusDays(1);
        while (d.getDayOfWeek() != day) {
            d = d.plusDays(1);
        }
        return d;
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close();
        }
        if (changes != null) {
            changes.close();
        }
        emulator.close();
    }
}
