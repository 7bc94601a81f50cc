package io.calbridge.provisioning.tenant.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TenantTest {

    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    static ServiceCredential secret(String id, Instant expires, Instant added) {
        return new ServiceCredential(id, CredentialKind.CLIENT_SECRET, "sealed-" + id, null, expires, added);
    }

    Tenant registered() {
        return Tenant.register("t1", "Contoso", "app", null, null, null, secret("c1", NOW.plus(Duration.ofDays(90)), NOW), null, 0, NOW);
    }

    @Test
    void aNewTenantDefaultsToMicrosoftsPublicCloudAndTheRecommendedStrategy() {
        Tenant tenant = registered();

        assertThat(tenant.authorityHost()).isEqualTo("https://login.microsoftonline.com");
        assertThat(tenant.graphBaseUrl()).isEqualTo("https://graph.microsoft.com/v1.0");
        assertThat(tenant.policy().strategy()).isEqualTo(Strategy.ADMINISTRATIVE_UNIT);
        assertThat(tenant.version()).isEqualTo(1);
    }

    @Test
    void registeringAgainAfterRemovalContinuesTheVersion() {
        Tenant removed = registered().asRemoved(NOW);

        Tenant again = Tenant.register("t1", "Contoso", "app", null, null, null, secret("c9", NOW.plus(Duration.ofDays(9)), NOW), null,
                removed.version(), NOW);

        assertThat(again.version()).isEqualTo(3);
    }

    @Test
    void twoCredentialsOverlapForRotationButNotThree() {
        Tenant rotating = registered().withCredential(secret("c2", NOW.plus(Duration.ofDays(400)), NOW.plusSeconds(1)), NOW);

        assertThat(rotating.credentials()).extracting(ServiceCredential::credentialId).containsExactly("c2", "c1");
        assertThat(rotating.currentCredential().credentialId()).isEqualTo("c2");
        assertThat(rotating.version()).isEqualTo(2);
        assertThatThrownBy(() -> rotating.withCredential(secret("c3", NOW.plus(Duration.ofDays(5)), NOW), NOW))
                .isInstanceOf(TenantConflict.class);
    }

    @Test
    void theLastCredentialCannotBeRemoved() {
        assertThatThrownBy(() -> registered().withoutCredential("c1", NOW)).isInstanceOf(TenantConflict.class);
        assertThatThrownBy(() -> registered().withoutCredential("nope", NOW)).isInstanceOf(CredentialNotFound.class);
    }

    @Test
    void expiryWarningsStart30_7And1DaysAhead() {
        assertThat(ExpiryWarning.of(NOW.plus(Duration.ofDays(31)), NOW)).isEqualTo(ExpiryWarning.NONE);
        assertThat(ExpiryWarning.of(NOW.plus(Duration.ofDays(30)), NOW)).isEqualTo(ExpiryWarning.WITHIN_30_DAYS);
        assertThat(ExpiryWarning.of(NOW.plus(Duration.ofDays(7)), NOW)).isEqualTo(ExpiryWarning.WITHIN_7_DAYS);
        assertThat(ExpiryWarning.of(NOW.plus(Duration.ofHours(20)), NOW)).isEqualTo(ExpiryWarning.WITHIN_1_DAY);
        assertThat(ExpiryWarning.of(NOW.minusSeconds(1), NOW)).isEqualTo(ExpiryWarning.EXPIRED);
        assertThat(secret("c", NOW.plus(Duration.ofDays(10)).plusSeconds(5), NOW).daysLeft(NOW)).isEqualTo(10);
    }

    @Test
    void peopleScopesSelectByDepartmentRulesOrName() {
        Person ada = new Person("u-ada", "ada@contoso.com", "ada@contoso.com", "Ada Lovelace", "Engineering");

        assertThat(new PeopleScope.Departments(Set.of("engineering")).includes(ada)).isTrue();
        assertThat(new PeopleScope.Departments(Set.of("Sales")).includes(ada)).isFalse();
        assertThat(new PeopleScope.AttributeRules(List.of(
                new AttributeRule(AttributeRule.Attribute.USER_PRINCIPAL_NAME, AttributeRule.Operator.ENDS_WITH, "@CONTOSO.com"),
                new AttributeRule(AttributeRule.Attribute.DISPLAY_NAME, AttributeRule.Operator.STARTS_WITH, "ada"))).includes(ada)).isTrue();
        assertThat(new PeopleScope.AttributeRules(List.of(
                new AttributeRule(AttributeRule.Attribute.DEPARTMENT, AttributeRule.Operator.EQUALS, "Sales"))).includes(ada)).isFalse();
        assertThat(new PeopleScope.ExplicitList(Set.of("ADA@contoso.com")).includes(ada)).isTrue();
        assertThat(new PeopleScope.ExplicitList(Set.of("u-bob")).includes(ada)).isFalse();
    }
}
