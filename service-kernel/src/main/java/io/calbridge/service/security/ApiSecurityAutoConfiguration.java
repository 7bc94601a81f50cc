package io.calbridge.service.security;

import io.calbridge.service.problems.CommonProblemHandler;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** API-key authentication for {@code /api/**}, the {@link Caller} parameter, and the shared problem handler. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ApiSecurityAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ApiSecurityAutoConfiguration.class);

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
