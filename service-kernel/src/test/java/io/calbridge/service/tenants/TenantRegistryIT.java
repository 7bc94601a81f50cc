package io.calbridge.service.tenants;

import static io.calbridge.common.events.EventFixtures.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import io.calbridge.common.cloudevents.CloudEventCodec;
import io.calbridge.common.events.EventFixtures;
import io.calbridge.common.events.tenant.TenantConfigured;
import io.calbridge.common.events.tenant.TenantEvent;
import io.calbridge.common.events.tenant.TenantRemoved;
import io.calbridge.messaging.Outbox;
import io.calbridge.messaging.UnknownTenant;
import io.calbridge.testsupport.RealInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@RealInfrastructure
@SpringBootTest(classes = TenantRegistryIT.App.class, properties = {
        "spring.application.name=tenant-registry-it",
        "spring.flyway.locations=classpath:db/kernel",
        "calbridge.encryption-key=q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=",
        "calbridge.tenants.cache-for=0s"})
class TenantRegistryIT {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {}

    private final CloudEventCodec codec = new CloudEventCodec("/provisioning-service");

    @Autowired
    TenantRegistry registry;
    @Autowired
    Outbox outbox;
    @Autowired
    PlatformTransactionManager transactionManager;

    @Test
    void followsTheTopicAndNeverRollsATenantBack() {
        TenantConfigured v7 = EventFixtures.tenantConfigured();
        TenantConfigured v6 = new TenantConfigured(TENANT, "Contoso (old name)", v7.clientId(), v7.authorityHost(),
                v7.graphBaseUrl(), null, v7.credentials(), 6, v7.occurredAt(), null);

        publish(v7);
        await().atMost(Duration.ofSeconds(30)).until(() -> registry.find(TENANT).isPresent());
        publish(v6);
        publish(new TenantRemoved("other-tenant", 1, Instant.now(), null));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThatExceptionOfType(UnknownTenant.class).isThrownBy(() -> registry.require("other-tenant")));

        assertThat(registry.require(TENANT)).isEqualTo(v7);
    }

    @Test
    void aRemovedTenantIsUnknown() {
        TenantConfigured configured = new TenantConfigured("removed-tenant", "Fabrikam", "app-1",
                "https://login.microsoftonline.com", "https://graph.microsoft.com/v1.0", null,
                EventFixtures.tenantConfigured().credentials(), 1, Instant.now(), null);

        publish(configured);
        await().atMost(Duration.ofSeconds(30)).until(() -> registry.find("removed-tenant").isPresent());
        publish(new TenantRemoved("removed-tenant", 2, Instant.now(), null));

        await().atMost(Duration.ofSeconds(30)).until(() -> registry.find("removed-tenant").isEmpty());
        assertThatExceptionOfType(UnknownTenant.class).isThrownBy(() -> registry.require("removed-tenant"))
                .withMessageContaining("removed-tenant");
    }

    private void publish(TenantEvent event) {
        new TransactionTemplate(transactionManager).executeWithoutResult(
                tx -> outbox.append(codec.encode(event, UUID.randomUUID(), Instant.now())));
    }
}
