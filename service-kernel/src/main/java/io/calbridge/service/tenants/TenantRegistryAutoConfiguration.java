package io.calbridge.service.tenants;

import io.calbridge.common.cloudevents.CloudEventCodec;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Gives a service a {@link TenantRegistry} fed from {@code provisioning.tenants}. Provisioning, which publishes
 * that topic, turns the consumer off with {@code calbridge.tenants.consume=false}.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@ConditionalOnBean(DataSource.class)
public class TenantRegistryAutoConfiguration {

    @Bean
    TenantRegistry tenantRegistry(DataSource dataSource, Environment environment) {
        Duration cacheFor = environment.getProperty("calbridge.tenants.cache-for", Duration.class, Duration.ofSeconds(30));
        return new TenantRegistry(new JdbcTemplate(dataSource), Clock.systemUTC(), cacheFor);
    }

    @Bean
    @ConditionalOnProperty(name = "calbridge.tenants.consume", havingValue = "true", matchIfMissing = true)
    TenantConfigurationHandler tenantConfigurationHandler(TenantRegistry registry, Environment environment) {
        String source = "/" + environment.getProperty("spring.application.name", "calbridge");
        return new TenantConfigurationHandler(registry, new CloudEventCodec(source));
    }
}
