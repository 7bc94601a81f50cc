package io.calbridge.testsupport;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Adds the broker and database coordinates of a {@link RealInfrastructure} test class to its Spring context.
 *
 * <p>The customizer is part of Spring's context cache key and is equal only for the same owning test class, so a
 * context cached for one class is never reused by another class with a different database. Registered in
 * {@code META-INF/spring.factories}.
 */
public final class RealInfrastructureContextCustomizerFactory implements ContextCustomizerFactory {

    /** Name of the property source this customizer adds. */
    public static final String PROPERTY_SOURCE = "calbridgeRealInfrastructure";

    /** Test-property sources that must keep precedence over ours (Spring's own names for them). */
    private static final List<String> TEST_OWN_SOURCES = List.of("Dynamic Test Properties", "Inlined Test Properties");

    @Override
    public @Nullable ContextCustomizer createContextCustomizer(
            Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        return TestInfrastructure.isAnnotated(testClass)
                ? new Customizer(TestInfrastructure.owner(testClass))
                : null;
    }

    private record Customizer(Class<?> owner) implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            ConfigurableEnvironment environment = context.getEnvironment();
            MutablePropertySources sources = environment.getPropertySources();
            sources.addFirst(new MapPropertySource(PROPERTY_SOURCE, TestInfrastructure.springProperties(owner)));
            // Above application.yml, below what the test itself declares.
            for (String name : TEST_OWN_SOURCES.reversed()) {
                var own = sources.remove(name);
                if (own != null) {
                    sources.addFirst(own);
                }
            }
        }
    }
}
