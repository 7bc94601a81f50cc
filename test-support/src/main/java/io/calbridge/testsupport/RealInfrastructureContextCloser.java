package io.calbridge.testsupport;

import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Closes the Spring context of a {@link RealInfrastructure} test class after the class: no other class can reuse
 * it (its database is private to the class), and a cached context would keep consumers and pollers running
 * against a finished test's database and the shared broker. Registered in {@code META-INF/spring.factories}.
 */
public final class RealInfrastructureContextCloser implements TestExecutionListener, Ordered {

    @Override
    public void afterTestClass(TestContext testContext) {
        Class<?> testClass = testContext.getTestClass();
        // A @Nested class shares its outer class's context; the outer class closes it.
        boolean owner = TestInfrastructure.isAnnotated(testClass) && TestInfrastructure.owner(testClass) == testClass;
        if (owner && testContext.hasApplicationContext()) {
            testContext.markApplicationContextDirty(null);
        }
    }

    @Override
    public int getOrder() {
        // After Spring's own listeners have finished with the context.
        return Integer.MAX_VALUE;
    }
}
