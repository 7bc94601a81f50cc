package io.calbridge.testsupport;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the shared broker and database server if needed and creates the test class's database before its
 * first test; registered by {@link RealInfrastructure}.
 */
public final class RealInfrastructureExtension implements BeforeAllCallback, AfterAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        Class<?> owner = TestInfrastructure.owner(context.getRequiredTestClass());
        TestInfrastructure.enter(owner);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        TestInfrastructure.leave(context.getRequiredTestClass());
    }
}
