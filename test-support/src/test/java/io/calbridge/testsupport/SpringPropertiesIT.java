package io.calbridge.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

@RealInfrastructure
@SpringJUnitConfig(SpringPropertiesIT.Config.class)
@TestPropertySource(properties = "spring.kafka.bootstrap-servers=explicit:1234")
class SpringPropertiesIT {

    @Autowired
    Environment environment;

    @Test
    void springContextSeesTheClassDatabaseAndTheSharedBroker() {
        String url = environment.getProperty("spring.datasource.url");
        String binderBrokers = environment.getProperty("spring.cloud.stream.kafka.binder.brokers");

        assertThat(url).isEqualTo(TestInfrastructure.databaseFor(SpringPropertiesIT.class).jdbcUrl());
        assertThat(binderBrokers).isEqualTo(TestInfrastructure.kafkaBootstrap());
    }

    @Test
    void propertiesDeclaredByTheTestItselfWin() {
        assertThat(environment.getProperty("spring.kafka.bootstrap-servers")).isEqualTo("explicit:1234");
    }

    @Configuration(proxyBeanMethods = false)
    static class Config {
    }
}
