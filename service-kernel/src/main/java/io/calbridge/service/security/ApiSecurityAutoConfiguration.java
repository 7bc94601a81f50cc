package io.calbridge.service.security;

import io.calbridge.service.problems.CommonProblemHandler;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Authentication for {@code /api/**} by {@code calbridge.security.mode}: per-tenant API keys ({@code api-keys}, the
 * default) or bearer JWTs checked as an OAuth2 resource server ({@code jwt}, settings in {@link JwtSettings}); plus
 * the {@link Caller} parameter and the shared problem handler. Either way a caller acts only for its tenants.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ApiSecurityAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ApiSecurityAutoConfiguration.class);
    static final String MODE = "calbridge.security.mode";

    /** Refuses to start with a mode that is neither {@code api-keys} nor {@code jwt}, rather than refuse every call. */
    @Bean
    String calbridgeSecurityMode(Environment environment) {
        String mode = environment.getProperty(MODE, "api-keys");
        if (!mode.equals("api-keys") && !mode.equals("jwt")) {
            throw new IllegalStateException(MODE + " must be api-keys or jwt, not '" + mode + "'");
        }
        log.info("REST API authentication: {}", mode);
        return mode;
    }

    /** Per-tenant API keys, hashed at rest ({@code calbridge.security.api-keys}). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = MODE, havingValue = "api-keys", matchIfMissing = true)
    static class ApiKeyMode {

        @Bean
        ApiKeys apiKeys(Environment environment) {
            ApiKeys keys = ApiKeys.parse(environment.getProperty("calbridge.security.api-keys", ""));
            if (keys.isEmpty()) {
                log.warn("No API keys configured (calbridge.security.api-keys / CALBRIDGE_API_KEYS): every /api/ call will get 401");
            }
            return keys;
        }

        @Bean
        FilterRegistrationBean<ApiKeyFilter> apiKeyFilter(ApiKeys keys) {
            var registration = new FilterRegistrationBean<>(new ApiKeyFilter(keys));
            registration.addUrlPatterns("/api/*");
            return registration;
        }
    }

    /** Bearer JWTs ({@code calbridge.security.jwt.*}); the token's tenant claim decides which tenant the caller acts for. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = MODE, havingValue = "jwt")
    static class JwtMode {

        @Bean
        JwtCallers jwtCallers(Environment environment) {
            JwtSettings settings = JwtSettings.from(environment);
            log.info("Bearer JWTs from {} (issuers {}, audiences {}) act for the tenant in claim '{}'", settings.jwkSetUri(),
                    settings.issuers(), settings.audiences(), settings.tenantClaim());
            return new JwtCallers(settings);
        }

        @Bean
        FilterRegistrationBean<JwtFilter> jwtFilter(JwtCallers callers) {
            var registration = new FilterRegistrationBean<>(new JwtFilter(callers));
            registration.addUrlPatterns("/api/*");
            return registration;
        }
    }

    @Bean
    WebMvcConfigurer callerParameter() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CallerArgumentResolver());
            }
        };
    }

    @Bean
    CommonProblemHandler commonProblemHandler() {
        return new CommonProblemHandler();
    }
}
