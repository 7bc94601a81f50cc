package io.calbridge.provisioning;

import static io.calbridge.provisioning.ProvisioningHarness.EMULATOR;
import static io.calbridge.provisioning.ProvisioningHarness.LEAKY;
import static io.calbridge.provisioning.ProvisioningHarness.LEAKY_APP;
import static io.calbridge.provisioning.ProvisioningHarness.LEAKY_SECRET;
import static io.calbridge.provisioning.ProvisioningHarness.OPERATOR_KEY;
import static io.calbridge.provisioning.ProvisioningHarness.SCOPED;
import static io.calbridge.provisioning.ProvisioningHarness.SCOPED_ADMIN_KEY;
import static io.calbridge.provisioning.ProvisioningHarness.SCOPED_APP;
import static io.calbridge.provisioning.ProvisioningHarness.SCOPED_SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.calbridge.common.Topics;
import io.calbridge.common.cloudevents.CloudEventCodec;
import io.calbridge.common.events.CalbridgeEvent;
import io.calbridge.common.events.MailboxKind;
import io.calbridge.common.events.account.AccountConnected;
import io.calbridge.common.events.account.AccountDisconnected;
import io.calbridge.common.events.directory.DirectorySource;
import io.calbridge.common.events.directory.UserOffboarded;
import io.calbridge.common.events.directory.UserOnboarded;
import io.calbridge.common.events.enrollment.AccessScope;
import io.calbridge.common.events.enrollment.MailboxEnrolled;
import io.calbridge.common.events.enrollment.MailboxEnrollmentFailed;
import io.calbridge.common.events.enrollment.MailboxUnenrolled;
import io.calbridge.common.events.tenant.SealedCredential;
import io.calbridge.common.events.tenant.TenantConfigured;
import io.calbridge.graph.GraphTarget;
import io.calbridge.graph.Priority;
import io.calbridge.messaging.DeadLetterHeaders;
import io.calbridge.messaging.TraceContext;
import io.calbridge.service.graph.TenantGraphs;
import io.calbridge.testsupport.RealInfrastructure;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service end to end: REST API, the real Kafka broker and PostgreSQL, and the Graph emulator over HTTP(S).
 * Tenant {@code SCOPED} uses RBAC for Applications on an administrative unit; its policy enrolls Engineering.
 */
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProvisioningIT {

    static final String SCOPED_POLICY = """
            {"strategy":"ADMINISTRATIVE_UNIT","scopeObjectId":"au-cal","scopeDisplayName":"Calbridge mailboxes",
             "people":{"mode":"DEPARTMENTS","departments":["Engineering"]},
             "rooms":{"roomListAddresses":["hq-rooms@scoped.example"]},
             "testMailboxes":{"inScope":"alice@scoped.example","outOfScope":"dave@scoped.example"}}""";
    static final String LEAKY_POLICY = """
            {"strategy":"ADMINISTRATIVE_UNIT","scopeObjectId":"au-leaky",
             "testMailboxes":{"inScope":"alice@leaky.example","outOfScope":"dave@leaky.example"}}""";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("calbridge.encryption-key", () -> ProvisioningHarness.ENCRYPTION_KEY);
        registry.add("calbridge.security.api-keys", ProvisioningHarness::apiKeys);
        registry.add("calbridge.provisioning.enrollment.poll-interval", () -> "100ms");
        registry.add("calbridge.provisioning.enrollment.verify-initial-backoff", () -> "200ms");
        registry.add("calbridge.provisioning.enrollment.retry-backoff", () -> "200ms");
        registry.add("calbridge.graph.initial-backoff", () -> "100ms");
        registry.add("calbridge.messaging.consumer.initial-backoff", () -> "50ms");
        registry.add("calbridge.messaging.consumer.max-retries", () -> "2");
        registry.add("calbridge.provisioning.enrollment-gauges-interval", () -> "200ms");
    }

    @LocalServerPort
    int port;
    @Autowired
    Environment environment;
    @Autowired
    TenantGraphs graphs;
    @Autowired
    io.calbridge.provisioning.tenant.application.CredentialExpiryGauges gauges;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;
    @Autowired
    io.calbridge.provisioning.enrollment.application.Enrollments enrollmentStore;

    ProvisioningHarness.Http http;
    ProvisioningHarness.TopicReader topics;
    KafkaProducer<String, byte[]> producer;

    @BeforeAll
    void registerTenants() {
        String bootstrap = environment.getProperty("spring.kafka.bootstrap-servers");
        topics = new ProvisioningHarness.TopicReader(bootstrap, List.of(Topics.TENANTS, Topics.ENROLLMENTS, Topics.ACCOUNTS,
                Topics.dlq(Topics.DIRECTORY_USERS, "provisioning-service")));
        producer = ProvisioningHarness.producer(bootstrap);
        http = new ProvisioningHarness.Http(port);
        assertThat(http.send("POST", "/api/tenants", OPERATOR_KEY,
                ProvisioningHarness.registration(SCOPED, SCOPED_APP, SCOPED_SECRET, SCOPED_POLICY)).statusCode()).isEqualTo(201);
        assertThat(http.send("POST", "/api/tenants", OPERATOR_KEY,
                ProvisioningHarness.registration(LEAKY, LEAKY_APP, LEAKY_SECRET, LEAKY_POLICY)).statusCode()).isEqualTo(201);
    }

    @AfterAll
    void close() {
        topics.close();
        producer.close();
    }

    @Test
    void aRegisteredTenantIsPublishedWithItsCredentialSealed() {
        await().atMost(Duration.ofSeconds(60)).until(() -> configured(SCOPED) != null);
        TenantConfigured configured = configured(SCOPED);
        assertThat(configured.version()).isEqualTo(1);
        assertThat(configured.clientId()).isEqualTo(SCOPED_APP);
        assertThat(configured.graphBaseUrl()).isEqualTo(EMULATOR.graphBaseUrl());
        assertThat(configured.credentials()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(SealedCredential.Kind.CLIENT_SECRET);
            assertThat(c.sealed()).doesNotContain(SCOPED_SECRET);
        });
        ConsumerRecord<String, byte[]> record = topics.on(Topics.TENANTS).stream().filter(r -> r.key().equals(SCOPED)).findFirst().orElseThrow();
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).doesNotContain(SCOPED_SECRET);
        assertThat(ProvisioningHarness.headers(record).values()).noneMatch(v -> v != null && v.contains(SCOPED_SECRET));

        HttpResponse<String> view = http.send("GET", "/api/tenants/" + SCOPED, SCOPED_ADMIN_KEY, null);
        assertThat(view.statusCode()).isEqualTo(200);
        assertThat(view.body()).doesNotContain(SCOPED_SECRET).doesNotContain(configured.credentials().getFirst().sealed())
                .contains("\"daysLeft\"").contains("\"expiryWarning\":\"NONE\"");
    }

    @Test
    void anOnboardedUserIsAddedToTheAdministrativeUnitVerifiedAndConnected() {
        publish(onboarded("u-alice", "alice@scoped.example"));

        await().atMost(Duration.ofSeconds(60)).until(() -> connected("u-alice") != null);
        assertThat(auMembers(SCOPED, "au-cal")).contains("u-alice");
        MailboxEnrolled enrolled = enrolled("u-alice").getFirst();
        assertThat(enrolled.kind()).isEqualTo(MailboxKind.USER);
        assertThat(enrolled.mail()).isEqualTo("alice@scoped.example");
        assertThat(enrolled.scope()).isEqualTo(new AccessScope(AccessScope.ScopeType.ADMINISTRATIVE_UNIT, "au-cal", "Calbridge mailboxes"));
        AccountConnected connected = connected("u-alice");
        assertThat(connected.mailboxAddress()).isEqualTo("alice@scoped.example");
        assertThat(connected.kind()).isEqualTo(MailboxKind.USER);
    }

    @Test
    void enrollmentStatesAndLagAreScrapedFromPrometheus() {
        // Registered for every tenant before its first enrollment: LEAKY never enrolls anyone here.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String before = http.send("GET", "/actuator/prometheus", null, null).body();
            assertThat(metric(before, "calbridge_enrollment_state", "state=\"PENDING\"", "tenant=\"" + LEAKY + "\"")).isNotNull();
            assertThat(metric(before, "calbridge_enrollment_lag_seconds_count", "kind=\"PERSON\"", "tenant=\"" + LEAKY + "\"")).isZero();
            assertThat(metric(before, "calbridge_enrollment_lag_seconds_count", "kind=\"ROOM\"", "tenant=\"" + LEAKY + "\"")).isZero();
        });

        // The directory recorded the joiner 30 s before provisioning saw the event: the lag counts from then.
        publish(new UserOnboarded(SCOPED, "u-mia", "mia@scoped.example", "mia@scoped.example", null, "Engineering",
                DirectorySource.HR_SYSTEM, Instant.now().minusSeconds(30), null));
        await().atMost(Duration.ofSeconds(60)).until(() -> connected("u-mia") != null);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String after = http.send("GET", "/actuator/prometheus", null, null).body();
            assertThat(metric(after, "calbridge_enrollment_state", "state=\"CONNECTED\"", "tenant=\"" + SCOPED + "\""))
                    .isGreaterThanOrEqualTo(1.0);
            Double count = metric(after, "calbridge_enrollment_lag_seconds_count", "kind=\"PERSON\"", "tenant=\"" + SCOPED + "\"");
            Double sum = metric(after, "calbridge_enrollment_lag_seconds_sum", "kind=\"PERSON\"", "tenant=\"" + SCOPED + "\"");
            Double max = metric(after, "calbridge_enrollment_lag_seconds_max", "kind=\"PERSON\"", "tenant=\"" + SCOPED + "\"");
            assertThat(count).isGreaterThanOrEqualTo(1.0);
            assertThat(max).isBetween(30.0, 600.0);
            assertThat(sum).isGreaterThanOrEqualTo(30.0);
        });
    }

    /**
     * Seeds a tenant of its own: one consented app with {@code secret}, an empty administrative unit {@code au} that the
     * app's Calendars.ReadWrite is scoped to (RBAC for Applications), and {@code more} (users, rooms, room lists).
     */
    private static void seedTenant(String tenant, String domain, String app, String secret, String au, String more) {
        EMULATOR.seed("""
                {"tenants":[{"id":"%s","domain":"%s",
                  "apps":[{"clientId":"%s","secrets":[{"value":"%s","expires":"2099-01-01T00:00:00Z"}],
                           "roles":["User.Read.All","AdministrativeUnit.ReadWrite.All","Place.Read.All"],"adminConsent":true}],
                  %s,
                  "administrativeUnits":[{"id":"%s","displayName":"Calbridge mailboxes","members":[]}],
                  "roleAssignments":[{"app":"%s","role":"Application Calendars.ReadWrite","recipientAdministrativeUnitScope":"%s"}]}]}"""
                .formatted(tenant, domain, app, secret, more, au, app, au));
    }

    /** {@link #seedTenant} and registers it with provisioning, everyone enrolled into the administrative unit {@code au}. */
    private void registerWithAdministrativeUnit(String tenant, String domain, String app, String secret, String au, String more) {
        seedTenant(tenant, domain, app, secret, au, more);
        assertThat(http.send("POST", "/api/tenants", OPERATOR_KEY, ProvisioningHarness.registration(tenant, app, secret,
                "{\"strategy\":\"ADMINISTRATIVE_UNIT\",\"scopeObjectId\":\"" + au + "\"}")).statusCode()).isEqualTo(201);
    }

    /** The value of the sample {@code name} whose labels include every one of {@code labels}; null when there is none. */
    private static Double metric(String scrape, String name, String... labels) {
        for (String line : scrape.split("\n")) {
            if (!line.startsWith(name + "{")) {
                continue;
            }
            String tags = line.substring(name.length(), line.lastIndexOf('}') + 1);
            if (java.util.Arrays.stream(labels).allMatch(tags::contains)) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return null;
    }

    @Test
    void aDuplicateOnboardingAddsAndPublishesOnceAndPeopleOutsideThePolicyAreIgnored() {
        publish(onboarded("u-bob", "bob@scoped.example"));
        await().atMost(Duration.ofSeconds(60)).until(() -> connected("u-bob") != null);
        publish(onboarded("u-bob", "bob@scoped.example"));
        publish(new UserOnboarded(SCOPED, "u-dave", "dave@scoped.example", "dave@scoped.example", "Dave Davis", "Sales",
                DirectorySource.HR_SYSTEM, Instant.now(), null));
        publish(onboarded("u-erin", "erin@scoped.example")); // same partition order does not hold across keys: wait on erin, then settle
        await().atMost(Duration.ofSeconds(60)).until(() -> connected("u-erin") != null);
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> true);

        assertThat(enrolled("u-bob")).hasSize(1);
        assertThat(events(Topics.ACCOUNTS, AccountConnected.class).stream().filter(e -> e.mailboxId().equals("u-bob"))).hasSize(1);
        assertThat(enrolled("u-dave")).isEmpty();
        assertThat(auMembers(SCOPED, "au-cal")).contains("u-bob", "u-erin").doesNotContain("u-dave");
    }

    @Test
    void anOffboardedUserIsRemovedFromTheScopeAndDisconnected() {
        publish(onboarded("u-carol", "carol@scoped.example"));
        await().atMost(Duration.ofSeconds(60)).until(() -> connected("u-carol") != null);

        publish(new UserOffboarded(SCOPED, "u-carol", "carol@scoped.example", "carol@scoped.example", DirectorySource.HR_SYSTEM,
                Instant.now(), Instant.now(), null));

        await().atMost(Duration.ofSeconds(60)).until(() -> events(Topics.ACCOUNTS, AccountDisconnected.class).stream()
                .anyMatch(e -> e.mailboxId().equals("u-carol")));
        assertThat(auMembers(SCOPED, "au-cal")).doesNotContain("u-carol");
        assertThat(events(Topics.ENROLLMENTS, MailboxUnenrolled.class)).anySatisfy(e -> {
            assertThat(e.userId()).isEqualTo("u-carol");
            assertThat(e.reason()).isEqualTo(MailboxUnenrolled.Reason.USER_OFFBOARDED);
        });
        assertThat(http.send("GET", "/api/tenants/" + SCOPED + "/enrollments/u-carol", SCOPED_ADMIN_KEY, null).body())
                .contains("\"state\":\"REMOVED\"");
    }

    @Test
    void anEventForAnUnknownTenantIsDeadLetteredWithTheReason() {
        publish(new UserOnboarded("99999999-0000-4000-8000-000000000009", "u-nobody", "nobody@nowhere.example", null, null, null,
                DirectorySource.HR_SYSTEM, Instant.now(), null));

        String dlq = Topics.dlq(Topics.DIRECTORY_USERS, "provisioning-service");
        await().atMost(Duration.ofSeconds(60)).until(() -> !topics.on(dlq).isEmpty());
        assertThat(ProvisioningHarness.headers(topics.on(dlq).getFirst()))
                .containsEntry(DeadLetterHeaders.REASON, DeadLetterHeaders.UNKNOWN_TENANT);
    }

    @Test
    void roomsOfTheRoomListsAreEnrolledAndConnectedAsRooms() {
        HttpResponse<String> report = http.send("POST", "/api/tenants/" + SCOPED + "/rooms/enroll", SCOPED_ADMIN_KEY, null);
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(report.body()).contains("hq-rooms@scoped.example").contains("\"rooms\":2");

        await().atMost(Duration.ofSeconds(60)).until(() -> events(Topics.ACCOUNTS, AccountConnected.class).stream()
                .filter(e -> e.kind() == MailboxKind.ROOM).count() >= 2);
        Set<String> rooms = events(Topics.ACCOUNTS, AccountConnected.class).stream().filter(e -> e.kind() == MailboxKind.ROOM)
                .map(e -> e.mailboxAddress() + "|" + e.roomListAddress()).collect(Collectors.toSet());
        assertThat(rooms).contains("room-1@scoped.example|hq-rooms@scoped.example", "room-2@scoped.example|hq-rooms@scoped.example");
    }

    @Test
    void apiErrorsAreProblemDetails() {
        HttpResponse<String> noKey = http.send("GET", "/api/tenants", null, null);
        assertThat(noKey.statusCode()).isEqualTo(401);

        HttpResponse<String> otherTenant = http.send("GET", "/api/tenants/" + LEAKY, SCOPED_ADMIN_KEY, null);
        assertThat(otherTenant.statusCode()).isEqualTo(403);
        assertThat(otherTenant.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("application/problem+json"));
        assertThat(otherTenant.body()).contains("https://calbridge.dev/problems/tenant-forbidden");

        HttpResponse<String> registerAsTenantAdmin = http.send("POST", "/api/tenants", SCOPED_ADMIN_KEY,
                ProvisioningHarness.registration("33333333-0000-4000-8000-000000000003", SCOPED_APP, "x", "null"));
        assertThat(registerAsTenantAdmin.statusCode()).isEqualTo(403);

        HttpResponse<String> invalid = http.send("POST", "/api/tenants", OPERATOR_KEY, "{\"tenantId\":\"\"}");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("application/problem+json"));

        HttpResponse<String> badPolicy = http.send("PUT", "/api/tenants/" + SCOPED + "/enrollment-policy", SCOPED_ADMIN_KEY,
                "{\"strategy\":\"ADMINISTRATIVE_UNIT\",\"scopeObjectId\":\"au-cal\",\"people\":{\"mode\":\"DEPARTMENTS\",\"departments\":[]}}");
        assertThat(badPolicy.statusCode()).isEqualTo(400);
        assertThat(badPolicy.body()).contains("https://calbridge.dev/problems/invalid-request").contains("at least one department");

        HttpResponse<String> badCertificate = http.send("POST", "/api/tenants/" + SCOPED + "/credentials", SCOPED_ADMIN_KEY,
                "{\"kind\":\"CERTIFICATE\",\"certificatePem\":\"-----BEGIN CERTIFICATE-----\\nnope\\n-----END CERTIFICATE-----\"}");
        assertThat(badCertificate.statusCode()).isEqualTo(400);
        assertThat(badCertificate.body()).contains("https://calbridge.dev/problems/invalid-credential");

        HttpResponse<String> unknown = http.send("GET", "/api/tenants/99999999-0000-4000-8000-000000000009", OPERATOR_KEY, null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("https://calbridge.dev/problems/tenant-not-found");

        HttpResponse<String> list = http.send("GET", "/api/tenants", SCOPED_ADMIN_KEY, null);
        assertThat(list.body()).contains(SCOPED).doesNotContain(LEAKY);
    }

    @Test
    void theApiIsDescribedWithOpenApi() {
        HttpResponse<String> docs = http.send("GET", "/v3/api-docs", null, null);
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).contains("/api/tenants/{tenantId}/credentials").contains("/api/tenants/{tenantId}/rooms/enroll");
    }

    @Test
    void theConnectionTestFailsLoudlyWhenTheOutOfScopeMailboxIsReadable() {
        HttpResponse<String> report = http.send("POST", "/api/tenants/" + LEAKY + "/connection-test", OPERATOR_KEY, "{}");

        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(report.body()).contains("\"overall\":\"FAIL\"")
                .containsPattern("\"name\":\"mailbox-out-of-scope\",\"verdict\":\"FAIL\",\"detail\":\"THE SCOPE RESTRICTS NOTHING")
                .containsPattern("\"name\":\"tenant-wide-consent\",\"verdict\":\"FAIL\"")
                .containsPattern("\"name\":\"mailbox-in-scope\",\"verdict\":\"PASS\"")
                .containsPattern("\"name\":\"token\",\"verdict\":\"PASS\"");
    }

    @Test
    void theConnectionTestPassesForAProperlyScopedServiceAccount() {
        publish(onboarded("u-alice", "alice@scoped.example"));
        await().atMost(Duration.ofSeconds(60)).until(() -> connected("u-alice") != null);
        await().atMost(Duration.ofSeconds(60)).until(() -> events(Topics.ACCOUNTS, AccountConnected.class).stream()
                .filter(e -> e.kind() == MailboxKind.ROOM).count() >= 2);

        HttpResponse<String> report = http.send("POST", "/api/tenants/" + SCOPED + "/connection-test", SCOPED_ADMIN_KEY,
                "{\"outOfScopeMailbox\":\"dave@scoped.example\"}");

        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(report.body()).contains("\"overall\":\"PASS\"")
                .containsPattern("\"name\":\"roles\",\"verdict\":\"PASS\"")
                .containsPattern("\"name\":\"mailbox-out-of-scope\",\"verdict\":\"PASS\"")
                .containsPattern("\"name\":\"rooms\",\"verdict\":\"PASS\"")
                .containsPattern("\"name\":\"credential-expiry\",\"verdict\":\"PASS\"");
    }

    @Test
    void securityGroupStrategyBindsMembersAndTreatsExistingMembersAsAdded() {
        String tenant = "33333333-cccc-4000-8000-000000000003";
        assertThat(http.send("POST", "/api/tenants", OPERATOR_KEY, ProvisioningHarness.registration(tenant,
                "00000000-0000-4000-8000-0000000000c3", "group-secret-value-1234",
                "{\"strategy\":\"SECURITY_GROUP\",\"scopeObjectId\":\"g-sec\"}")).statusCode()).isEqualTo(201);

        for (String user : List.of("hank", "ivy", "jack")) {
            publish(new UserOnboarded(tenant, "u-" + user, user + "@groups.example", user + "@groups.example", null, null,
                    DirectorySource.SCIM, Instant.now(), null));
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> List.of("u-hank", "u-ivy", "u-jack").stream().allMatch(u -> connected(u) != null));
        var members = graphs.forTenant(tenant).call(new GraphTarget.Directory(), Priority.INTERACTIVE, sdk ->
                sdk.groups().byGroupId("g-sec").members().get()).join().getValue().stream().map(m -> m.getId()).toList();
        assertThat(members).containsExactlyInAnyOrder("u-hank", "u-ivy", "u-jack");
        assertThat(enrolled("u-ivy").getFirst().scope().type()).isEqualTo(AccessScope.ScopeType.SECURITY_GROUP);
    }

    @Test
    void mailEnabledGroupStrategyAwaitsAnAdminWithTheExactPowerShellThenVerifies() {
        String tenant = "44444444-dddd-4000-8000-000000000004";
        assertThat(http.send("POST", "/api/tenants", OPERATOR_KEY, ProvisioningHarness.registration(tenant,
                "00000000-0000-4000-8000-0000000000d4", "aap-secret-value-5678",
                "{\"strategy\":\"MAIL_ENABLED_GROUP\",\"scopeObjectId\":\"g-meg\",\"scopeDisplayName\":\"calbridge-sync@aap.example\"}"))
                .statusCode()).isEqualTo(201);

        publish(new UserOnboarded(tenant, "u-kim", "kim@aap.example", "kim@aap.example", null, null, DirectorySource.HR_SYSTEM,
                Instant.now(), null));

        await().atMost(Duration.ofSeconds(60)).until(() -> events(Topics.ENROLLMENTS, MailboxEnrollmentFailed.class).stream()
                .anyMatch(e -> e.userId().equals("u-kim")));
        MailboxEnrollmentFailed awaiting = events(Topics.ENROLLMENTS, MailboxEnrollmentFailed.class).stream()
                .filter(e -> e.userId().equals("u-kim")).findFirst().orElseThrow();
        assertThat(awaiting.reason()).isEqualTo(MailboxEnrollmentFailed.Reason.MAIL_ENABLED_GROUP_REQUIRES_POWERSHELL);
        String command = "Add-DistributionGroupMember -Identity 'calbridge-sync@aap.example' -Member 'kim@aap.example'";
        assertThat(awaiting.remediation()).startsWith(command);
        assertThat(http.send("GET", "/api/tenants/" + tenant + "/enrollments/admin-actions", OPERATOR_KEY, null).body())
                .contains(command).contains("AWAITING_ADMIN");

        // The admin runs the command (the emulator's group gets the member), then confirms.
        EMULATOR.seed("""
                {"tenants":[{"id":"44444444-dddd-4000-8000-000000000004","groups":[{"id":"g-meg","displayName":"Calbridge sync",
                  "kind":"mailEnabledSecurity","mail":"calbridge-sync@aap.example","members":["u-kim"]}]}]}""");
        assertThat(http.send("POST", "/api/tenants/" + tenant + "/enrollments/u-kim/confirm", OPERATOR_KEY, null).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(60)).until(() -> connected("u-kim") != null);
        assertThat(enrolled("u-kim").getFirst().scope().type()).isEqualTo(AccessScope.ScopeType.MAIL_ENABLED_SECURITY_GROUP);
    }

    @Test
    void aSecondCredentialOverlapsForRotationWithExpiryWarningsInTheApiAndMetrics() {
        String soon = Instant.now().plus(Duration.ofDays(5)).toString();
        HttpResponse<String> added = http.send("POST", "/api/tenants/" + LEAKY + "/credentials", OPERATOR_KEY,
                "{\"kind\":\"CLIENT_SECRET\",\"secret\":\"rotated-secret-value-42\",\"expiresAt\":\"" + soon + "\"}");

        assertThat(added.statusCode()).isEqualTo(201);
        assertThat(added.body()).contains("\"expiryWarning\":\"WITHIN_7_DAYS\"").contains("expires in 4 day").doesNotContain("rotated-secret-value-42");
        assertThat(http.send("POST", "/api/tenants/" + LEAKY + "/credentials", OPERATOR_KEY,
                "{\"kind\":\"CLIENT_SECRET\",\"secret\":\"third\",\"expiresAt\":\"" + soon + "\"}").statusCode()).isEqualTo(409);
        gauges.refresh();
        assertThat(meters.get("calbridge.credential.expiry-warnings").tag("level", "WITHIN_7_DAYS").gauge().value()).isGreaterThanOrEqualTo(1);
        await().atMost(Duration.ofSeconds(60)).until(() -> events(Topics.TENANTS, TenantConfigured.class).stream()
                .anyMatch(e -> e.tenantId().equals(LEAKY) && e.credentials().size() == 2));

        String credentialId = events(Topics.TENANTS, TenantConfigured.class).stream()
                .filter(e -> e.tenantId().equals(LEAKY) && e.credentials().size() == 2).findFirst().orElseThrow()
                .credentials().stream().filter(c -> c.expiresAt().isBefore(Instant.now().plus(Duration.ofDays(6)))).findFirst().orElseThrow()
                .credentialId();
        assertThat(http.send("DELETE", "/api/tenants/" + LEAKY + "/credentials/" + credentialId, OPERATOR_KEY, null).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).until(() -> events(Topics.TENANTS, TenantConfigured.class).stream()
                .filter(e -> e.tenantId().equals(LEAKY)).mapToLong(TenantConfigured::version).max().orElse(0) >= 3);
        assertThat(events(Topics.TENANTS, TenantConfigured.class).stream().filter(e -> e.tenantId().equals(LEAKY))
                .map(e -> new String(e.credentials().getFirst().sealed())).toList()).noneMatch(v -> v.contains("rotated-secret-value-42"));
    }

    @Test
    void aCertificateFromPkcs12IsSealedAsPemAndSignsTokens() throws Exception {
        String tenant = "55555555-eeee-4000-8000-000000000005";
        String app = "00000000-0000-4000-8000-0000000000e5";
        java.nio.file.Path store = java.nio.file.Files.createTempFile("calbridge-it", ".p12");
        java.nio.file.Files.delete(store);
        Process keytool = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "calbridge", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=Calbridge IT", "-validity", "365",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "it-pass", "-keypass", "it-pass")
                .redirectErrorStream(true).start();
        assertThat(keytool.waitFor()).isZero();
        byte[] pkcs12 = java.nio.file.Files.readAllBytes(store);
        java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
        ks.load(new java.io.ByteArrayInputStream(pkcs12), "it-pass".toCharArray());
        java.security.cert.X509Certificate certificate = (java.security.cert.X509Certificate) ks.getCertificate("calbridge");
        String certificatePem = "-----BEGIN CERTIFICATE-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(certificate.getEncoded()) + "\n-----END CERTIFICATE-----\n";
        String thumbprint = java.util.HexFormat.of().withUpperCase()
                .formatHex(java.security.MessageDigest.getInstance("SHA-1").digest(certificate.getEncoded()));
        EMULATOR.seed("""
                {"tenants":[{"id":"%s","domain":"cert.example",
                  "apps":[{"clientId":"%s","displayName":"Calbridge (certificate)","certificates":[{"pem":%s}],
                           "roles":["User.Read.All","Place.Read.All","AdministrativeUnit.ReadWrite.All"],"adminConsent":true}],
                  "users":[{"id":"u-mia","userPrincipalName":"mia@cert.example"}],
                  "administrativeUnits":[{"id":"au-5","displayName":"Calbridge mailboxes","members":["u-mia"]}],
                  "roleAssignments":[{"app":"%s","role":"Application Calendars.ReadWrite","recipientAdministrativeUnitScope":"au-5"}]}]}"""
                .formatted(tenant, app, ProvisioningHarness.json(certificatePem), app));
        String pkcs12Base64 = java.util.Base64.getEncoder().encodeToString(pkcs12);
        String body = """
                {"tenantId":"%s","displayName":"Cert tenant","clientId":"%s","authorityHost":%s,"graphBaseUrl":%s,"authorityTrustPem":%s,
                 "credential":{"kind":"CERTIFICATE","pkcs12Base64":"%s","pkcs12Password":"it-pass"},
                 "policy":{"strategy":"ADMINISTRATIVE_UNIT","scopeObjectId":"au-5","testMailboxes":{"inScope":"mia@cert.example"}}}"""
                .formatted(tenant, app, ProvisioningHarness.json(EMULATOR.authorityHost()), ProvisioningHarness.json(EMULATOR.graphBaseUrl()),
                        ProvisioningHarness.json(ProvisioningHarness.trustPem()), pkcs12Base64);

        HttpResponse<String> registered = http.send("POST", "/api/tenants", OPERATOR_KEY, body);

        assertThat(registered.statusCode()).isEqualTo(201);
        assertThat(registered.body()).contains("\"kind\":\"CERTIFICATE\"").contains("\"thumbprint\":\"" + thumbprint + "\"")
                .doesNotContain(pkcs12Base64.substring(0, 40)).doesNotContain("PRIVATE KEY");
        HttpResponse<String> report = http.send("POST", "/api/tenants/" + tenant + "/connection-test", OPERATOR_KEY, null);
        assertThat(report.body()).containsPattern("\"name\":\"token\",\"verdict\":\"PASS\"")
                .containsPattern("\"name\":\"mailbox-in-scope\",\"verdict\":\"PASS\"");
        await().atMost(Duration.ofSeconds(60)).until(() -> configured(tenant) != null);
        assertThat(configured(tenant).credentials().getFirst().thumbprint()).isEqualTo(thumbprint);
        ConsumerRecord<String, byte[]> record = topics.on(Topics.TENANTS).stream().filter(r -> r.key().equals(tenant)).findFirst().orElseThrow();
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).doesNotContain("PRIVATE KEY").doesNotContain(pkcs12Base64.substring(0, 40));
    }

    @Test
    void claimedWorkIsLeasedSoACrashedWorkerLosesNothing() {
        Instant future = Instant.parse("2100-01-01T00:00:00Z");
        enrollmentStore.insert(io.calbridge.provisioning.enrollment.domain.Enrollment.requested("lease-tenant", "u-lease",
                io.calbridge.provisioning.enrollment.domain.MailboxType.USER, "lease@example.com", "lease@example.com", null, null,
                new io.calbridge.provisioning.enrollment.domain.ScopeTarget(io.calbridge.provisioning.tenant.domain.Strategy.ADMINISTRATIVE_UNIT,
                        "au-x", null), null, future, future));
        var pending = io.calbridge.provisioning.enrollment.domain.EnrollmentState.PENDING;

        assertThat(enrollmentStore.claimDue(pending, future.plusSeconds(1), Duration.ofMinutes(5), 10)).hasSize(1);
        assertThat(enrollmentStore.claimDue(pending, future.plusSeconds(2), Duration.ofMinutes(5), 10)).isEmpty();
        var again = enrollmentStore.claimDue(pending, future.plus(Duration.ofMinutes(6)), Duration.ofMinutes(5), 10);
        assertThat(again).singleElement().satisfies(e -> assertThat(e.userId()).isEqualTo("u-lease"));
        var stale = again.getFirst();
        assertThat(enrollmentStore.update(stale.addedToScope(future))).isTrue();
        assertThat(enrollmentStore.update(stale.addedToScope(future))).as("a stale copy cannot overwrite").isFalse();
    }

    @Test
    void reconciliationRepairsDriftBothWaysWithoutRepublishing() {
        publish(onboarded("u-gina", "gina@scoped.example"));
        await().atMost(Duration.ofSeconds(60)).until(() -> connected("u-gina") != null);
        var graph = graphs.forTenant(SCOPED);
        graph.call(new GraphTarget.Directory(), Priority.INTERACTIVE, sdk -> {
            sdk.directory().administrativeUnits().byAdministrativeUnitId("au-cal").members().byDirectoryObjectId("u-gina").ref().delete();
            return null;
        }).join();

        HttpResponse<String> repaired = http.send("POST", "/api/tenants/" + SCOPED + "/enrollments/reconcile", SCOPED_ADMIN_KEY, null);

        assertThat(repaired.statusCode()).isEqualTo(200);
        assertThat(repaired.body()).contains("\"readded\":[\"u-gina\"]");
        await().atMost(Duration.ofSeconds(60)).until(() -> auMembers(SCOPED, "au-cal").contains("u-gina")
                && http.send("GET", "/api/tenants/" + SCOPED + "/enrollments/u-gina", SCOPED_ADMIN_KEY, null).body().contains("CONNECTED"));
        assertThat(enrolled("u-gina")).hasSize(1);

        publish(new UserOffboarded(SCOPED, "u-gina", null, null, DirectorySource.HR_SYSTEM, Instant.now(), Instant.now(), null));
        await().atMost(Duration.ofSeconds(60)).until(() -> !auMembers(SCOPED, "au-cal").contains("u-gina")
                && http.send("GET", "/api/tenants/" + SCOPED + "/enrollments/u-gina", SCOPED_ADMIN_KEY, null).body().contains("\"REMOVED\""));
        graph.call(new GraphTarget.Directory(), Priority.INTERACTIVE, sdk -> {
            var ref = new com.microsoft.graph.models.ReferenceCreate();
            ref.setOdataId(EMULATOR.graphBaseUrl() + "/directoryObjects/u-gina");
            sdk.directory().administrativeUnits().byAdministrativeUnitId("au-cal").members().ref().post(ref);
            return null;
        }).join();

        assertThat(http.send("POST", "/api/tenants/" + SCOPED + "/enrollments/reconcile", SCOPED_ADMIN_KEY, null).body())
                .contains("\"removedAgain\":[\"u-gina\"]");
        await().atMost(Duration.ofSeconds(60)).until(() -> !auMembers(SCOPED, "au-cal").contains("u-gina"));
    }

    @Test
    void scimCreateEnrollsAndDeactivationDisconnects() {
        HttpResponse<String> issued = http.send("POST", "/api/tenants/" + SCOPED + "/scim-token", SCOPED_ADMIN_KEY, null);
        assertThat(issued.statusCode()).isEqualTo(201);
        String token = issued.body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
        String user = """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
                 "externalId":"u-nina","userName":"nina@scoped.example","active":true,"displayName":"Nina North",
                 "emails":[{"value":"nina@scoped.example","type":"work","primary":true}],
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"Engineering"}}""";

        assertThat(http.send("POST", "/scim/v2/Users", null, user).statusCode()).isEqualTo(401);
        HttpResponse<String> created = http.send("POST", "/scim/v2/Users", token, user);
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(http.send("POST", "/scim/v2/Users", token, user).statusCode()).isEqualTo(409);
        assertThat(http.send("GET", "/scim/v2/Users?filter=" + java.net.URLEncoder.encode("userName eq \"nina@scoped.example\"",
                StandardCharsets.UTF_8), token, null).body()).contains("\"totalResults\":1").contains("\"id\":\"u-nina\"");
        await().atMost(Duration.ofSeconds(60)).until(() -> connected("u-nina") != null);
        assertThat(auMembers(SCOPED, "au-cal")).contains("u-nina");

        HttpResponse<String> deactivated = http.send("PATCH", "/scim/v2/Users/u-nina", token, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"active","value":"False"}]}""");
        assertThat(deactivated.statusCode()).isEqualTo(200);
        assertThat(deactivated.body()).contains("\"active\":false");
        await().atMost(Duration.ofSeconds(60)).until(() -> events(Topics.ACCOUNTS, AccountDisconnected.class).stream()
                .anyMatch(e -> e.mailboxId().equals("u-nina")));
        assertThat(auMembers(SCOPED, "au-cal")).doesNotContain("u-nina");
        assertThat(http.send("DELETE", "/scim/v2/Users/u-nina", token, null).statusCode()).isEqualTo(204);
        assertThat(http.send("GET", "/scim/v2/Users/u-nina", token, null).statusCode()).isEqualTo(404);
    }

    @Test
    void roomsThatLeaveTheRoomListsAreUnenrolledAndRemovingATenantUnenrollsItsMailboxes() {
        String tenant = "77777777-abcd-4000-8000-000000000007";
        String app = "00000000-0000-4000-8000-0000000000e7";
        seedTenant(tenant, "leaving.example", app, "leaving-secret-value-1", "au-7", """
                "users":[{"id":"u-lena","userPrincipalName":"lena@leaving.example","department":"Engineering"}],
                "rooms":[{"emailAddress":"room-a@leaving.example","displayName":"Room A","capacity":4},
                         {"emailAddress":"room-b@leaving.example","displayName":"Room B","capacity":6}],
                "roomLists":[{"emailAddress":"rooms@leaving.example","displayName":"Rooms",
                              "rooms":["room-a@leaving.example","room-b@leaving.example"]}]""");
        String withRooms = "{\"strategy\":\"ADMINISTRATIVE_UNIT\",\"scopeObjectId\":\"au-7\","
                + "\"rooms\":{\"roomListAddresses\":[\"rooms@leaving.example\"]}}";
        assertThat(http.send("POST", "/api/tenants", OPERATOR_KEY, ProvisioningHarness.registration(tenant, app, "leaving-secret-value-1",
                withRooms)).statusCode()).isEqualTo(201);
        publish(new UserOnboarded(tenant, "u-lena", "lena@leaving.example", "lena@leaving.example", null, null,
                DirectorySource.HR_SYSTEM, Instant.now(), null));
        await().atMost(Duration.ofSeconds(60)).until(() -> connected("u-lena") != null
                && events(Topics.ACCOUNTS, AccountConnected.class).stream()
                        .filter(e -> e.tenantId().equals(tenant) && e.kind() == MailboxKind.ROOM).count() == 2);
        assertThat(auMembers(tenant, "au-7")).hasSize(3);

        // The room list leaves the policy: reconciliation takes its rooms out of the scope and disconnects them.
        assertThat(http.send("PUT", "/api/tenants/" + tenant + "/enrollment-policy", OPERATOR_KEY,
                "{\"strategy\":\"ADMINISTRATIVE_UNIT\",\"scopeObjectId\":\"au-7\"}").statusCode()).isEqualTo(200);
        assertThat(http.send("POST", "/api/tenants/" + tenant + "/enrollments/reconcile", OPERATOR_KEY, null).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).until(() -> events(Topics.ACCOUNTS, AccountDisconnected.class).stream()
                .filter(e -> e.tenantId().equals(tenant) && e.kind() == MailboxKind.ROOM).count() == 2);
        assertThat(events(Topics.ACCOUNTS, AccountDisconnected.class).stream().filter(e -> e.tenantId().equals(tenant)))
                .allSatisfy(e -> assertThat(e.reason()).isEqualTo(AccountDisconnected.Reason.REMOVED_FROM_SCOPE));
        assertThat(auMembers(tenant, "au-7")).containsExactly("u-lena");

        // Removing the tenant unenrolls the person still enrolled and takes them out of the scope first.
        assertThat(http.send("DELETE", "/api/tenants/" + tenant, OPERATOR_KEY, null).statusCode()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(60)).until(() -> events(Topics.ACCOUNTS, AccountDisconnected.class).stream()
                .anyMatch(e -> e.mailboxId().equals("u-lena")));
        assertThat(events(Topics.ACCOUNTS, AccountDisconnected.class).stream().filter(e -> e.mailboxId().equals("u-lena")))
                .singleElement().satisfies(e -> assertThat(e.reason()).isEqualTo(AccountDisconnected.Reason.TENANT_REMOVED));
        assertThat(events(Topics.ENROLLMENTS, MailboxUnenrolled.class).stream().filter(e -> e.userId().equals("u-lena")))
                .singleElement().satisfies(e -> assertThat(e.reason()).isEqualTo(MailboxUnenrolled.Reason.TENANT_REMOVED));
        // Provisioning no longer holds the credential: list the unit as the app itself.
        try (var gateway = new io.calbridge.graph.GraphGateway(io.calbridge.graph.GraphSettings.defaults(),
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry())) {
            var graph = gateway.forTenant(new io.calbridge.graph.TenantCredential(tenant, app,
                    new io.calbridge.graph.CredentialMaterial.ClientSecret("leaving-secret-value-1".toCharArray(),
                            Instant.parse("2099-01-01T00:00:00Z")),
                    java.net.URI.create(EMULATOR.authorityHost()), java.net.URI.create(EMULATOR.graphBaseUrl()),
                    io.calbridge.graph.TrustMaterial.fromPkcs12(EMULATOR.trustStore(), EMULATOR.trustStorePassword())));
            var members = graph.call(new GraphTarget.Directory(), Priority.INTERACTIVE, sdk ->
                    sdk.directory().administrativeUnits().byAdministrativeUnitId("au-7").members().get()).join();
            assertThat(members.getValue()).isEmpty();
        }
    }

    @Test
    void whenTheNewestOfTwoCredentialsIsRejectedEnrollmentUsesTheOtherOne() {
        String tenant = "88888888-abcd-4000-8000-000000000008";
        String app = "00000000-0000-4000-8000-0000000000e8";
        registerWithAdministrativeUnit(tenant, "fallback.example", app, "fallback-good-secret-1", "au-8", """
                "users":[{"id":"u-fred","userPrincipalName":"fred@fallback.example"}]""");
        // The rotation's new secret (expiring later, so preferred) was mistyped: Entra rejects it.
        assertThat(http.send("POST", "/api/tenants/" + tenant + "/credentials", OPERATOR_KEY,
                "{\"kind\":\"CLIENT_SECRET\",\"secret\":\"fallback-mistyped-secret-2\",\"expiresAt\":\"2099-06-01T00:00:00Z\"}")
                .statusCode()).isEqualTo(201);

        publish(new UserOnboarded(tenant, "u-fred", "fred@fallback.example", "fred@fallback.example", null, null,
                DirectorySource.HR_SYSTEM, Instant.now(), null));

        await().atMost(Duration.ofSeconds(60)).until(() -> connected("u-fred") != null);
        assertThat(events(Topics.ENROLLMENTS, MailboxEnrollmentFailed.class).stream().filter(e -> e.userId().equals("u-fred"))).isEmpty();
        // The connection test still reports the rejected credential rather than hiding it.
        assertThat(http.send("POST", "/api/tenants/" + tenant + "/connection-test", OPERATOR_KEY, "{}").body()).contains("FAIL");
    }

    @Test
    void theEventsOfALaterEnrollmentStepContinueTheTraceOfTheUserOnboarded() {
        String tenant = "aaaaaaaa-7777-4000-8000-00000000000a";
        registerWithAdministrativeUnit(tenant, "traced.example", "00000000-0000-4000-8000-0000000000ea", "traced-secret-1",
                "au-trace", """
                "users":[{"id":"u-tess","userPrincipalName":"tess@traced.example"}]""");
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";

        ProvisioningHarness.send(producer, traced("00-" + traceId + "-00f067aa0ba902b7-01", new UserOnboarded(tenant, "u-tess",
                "tess@traced.example", "tess@traced.example", null, null, DirectorySource.HR_SYSTEM, Instant.now(), null)));

        await().atMost(Duration.ofSeconds(60)).until(() -> connected("u-tess") != null);
        // Both were published by the worker's verification step, long after the consumer committed the UserOnboarded.
        for (String topic : List.of(Topics.ACCOUNTS, Topics.ENROLLMENTS)) {
            Map<String, String> headers = ProvisioningHarness.headers(topics.on(topic).stream()
                    .filter(r -> r.key().equals(tenant + "/u-tess")).findFirst().orElseThrow());
            assertThat(TraceContext.parse(headers.get(TraceContext.HEADER))).as("trace of %s", headers.get("ce_type"))
                    .hasValueSatisfying(t -> assertThat(t.traceId()).isEqualTo(traceId));
        }
    }

    @Test
    void theDirectoryWatchOnboardsNewPeopleAndOffboardsDisabledOnes() {
        String tenant = "66666666-ffff-4000-8000-000000000006";
        String app = "00000000-0000-4000-8000-0000000000e6";
        seedTenant(tenant, "watch.example", app, "watch-secret-value-77", "au-6", """
                "users":[{"id":"u-wes","userPrincipalName":"wes@watch.example","department":"Engineering"},
                         {"id":"u-wil","userPrincipalName":"wil@watch.example","department":"Engineering","accountEnabled":false}]""");
        assertThat(http.send("POST", "/api/tenants", OPERATOR_KEY, ProvisioningHarness.registration(tenant, app, "watch-secret-value-77",
                "{\"strategy\":\"ADMINISTRATIVE_UNIT\",\"scopeObjectId\":\"au-6\",\"directoryWatch\":true}")).statusCode()).isEqualTo(201);

        HttpResponse<String> first = http.send("POST", "/api/tenants/" + tenant + "/directory-watch/run", OPERATOR_KEY, null);

        assertThat(first.body()).contains("\"onboarded\":1").contains("\"offboarded\":1");
        await().atMost(Duration.ofSeconds(60)).until(() -> connected("u-wes") != null);
        assertThat(auMembers(tenant, "au-6")).containsExactly("u-wes");

        EMULATOR.seed("""
                {"tenants":[{"id":"%s","users":[{"id":"u-wes","userPrincipalName":"wes@watch.example","accountEnabled":false}]}]}"""
                .formatted(tenant));
        assertThat(http.send("POST", "/api/tenants/" + tenant + "/directory-watch/run", OPERATOR_KEY, null).body())
                .contains("\"changes\":1").contains("\"offboarded\":1");
        await().atMost(Duration.ofSeconds(60)).until(() -> events(Topics.ACCOUNTS, AccountDisconnected.class).stream()
                .anyMatch(e -> e.mailboxId().equals("u-wes")));
        assertThat(auMembers(tenant, "au-6")).isEmpty();
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    private static UserOnboarded onboarded(String userId, String upn) {
        return new UserOnboarded(SCOPED, userId, upn, upn, null, "Engineering", DirectorySource.HR_SYSTEM, Instant.now(), null);
    }

    /** The event as a record that carries the W3C {@code traceparent} of the trace it was sent in. */
    private static ProducerRecord<String, byte[]> traced(String traceparent, CalbridgeEvent event) {
        var record = new CloudEventCodec("/hr-system").encodeRecord(event, UUID.randomUUID(), Instant.now());
        record.headers().add(TraceContext.HEADER, traceparent.getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private void publish(CalbridgeEvent event) {
        ProvisioningHarness.publish(producer, event);
    }

    private TenantConfigured configured(String tenantId) {
        return events(Topics.TENANTS, TenantConfigured.class).stream().filter(e -> e.tenantId().equals(tenantId)).findFirst().orElse(null);
    }

    private AccountConnected connected(String userId) {
        return events(Topics.ACCOUNTS, AccountConnected.class).stream().filter(e -> e.mailboxId().equals(userId)).findFirst().orElse(null);
    }

    private List<MailboxEnrolled> enrolled(String userId) {
        return events(Topics.ENROLLMENTS, MailboxEnrolled.class).stream().filter(e -> e.userId().equals(userId)).toList();
    }

    private <T> List<T> events(String topic, Class<T> type) {
        return topics.events(topic).stream().filter(type::isInstance).map(type::cast).toList();
    }

    private List<String> auMembers(String tenantId, String au) {
        var members = graphs.forTenant(tenantId).call(new GraphTarget.Directory(), Priority.INTERACTIVE, sdk ->
                sdk.directory().administrativeUnits().byAdministrativeUnitId(au).members().get()).join();
        return members.getValue().stream().map(m -> m.getId()).toList();
    }
}
