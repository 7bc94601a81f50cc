package io.calbridge.provisioning.tenant.domain;

import java.util.Locale;
import java.util.Objects;

/**
 * A test on one attribute of a person, compared without regard to case.
 *
 * @param attribute which attribute
 * @param operator  how to compare
 * @param value     what to compare with
 */
public record AttributeRule(Attribute attribute, Operator operator, String value) {

    /** Attributes a rule can test. */
    public enum Attribute { DEPARTMENT, USER_PRINCIPAL_NAME, MAIL, DISPLAY_NAME }

    /** Comparisons. */
    public enum Operator { EQUALS, STARTS_WITH, ENDS_WITH, CONTAINS }

    public AttributeRule {
        Objects.requireNonNull(attribute, "attribute");
        Objects.requireNonNull(operator, "operator");
        if (value == null || value.isBlank()) {
            throw new InvalidPolicy("an attribute rule needs a value");
        }
    }

    public boolean matches(Person person) {
        String actual = person.attribute(attribute);
        if (actual == null) {
            return false;
        }
        String a = actual.toLowerCase(Locale.ROOT);
        String v = value.toLowerCase(Locale.ROOT);
        return switch (operator) {
            case EQUALS -> a.equals(v);
            case STARTS_WITH -> a.startsWith(v);
            case ENDS_WITH -> a.endsWith(v);
            case CONTAINS -> a.contains(v);
        };
    }
}
