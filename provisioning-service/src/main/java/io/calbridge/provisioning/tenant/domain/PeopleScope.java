package io.calbridge.provisioning.tenant.domain;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** Which people an enrollment policy puts into the service account's scope. */
public sealed interface PeopleScope {

    boolean includes(Person person);

    /** Everyone the directory reports. */
    record Everyone() implements PeopleScope {
        @Override
        public boolean includes(Person person) {
            return true;
        }
    }

    /** People whose department is one of these (case-insensitive). */
    record Departments(Set<String> departments) implements PeopleScope {
        public Departments {
            if (departments == null || departments.isEmpty()) {
                throw new InvalidPolicy("a department scope needs at least one department");
            }
            departments = departments.stream().map(d -> d.strip().toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        }

        @Override
        public boolean includes(Person person) {
            return person.department() != null && departments.contains(person.department().strip().toLowerCase(Locale.ROOT));
        }
    }

    /** People matching every rule. */
    record AttributeRules(List<AttributeRule> rules) implements PeopleScope {
        public AttributeRules {
            if (rules == null || rules.isEmpty()) {
                throw new InvalidPolicy("an attribute-rule scope needs at least one rule");
            }
            rules = List.copyOf(rules);
        }

        @Override
        public boolean includes(Person person) {
            return rules.stream().allMatch(r -> r.matches(person));
        }
    }

    /** People named by Entra object id, user principal name or mail (case-insensitive). */
    record ExplicitList(Set<String> people) implements PeopleScope {
        public ExplicitList {
            if (people == null || people.isEmpty()) {
                throw new InvalidPolicy("an explicit scope needs at least one person");
            }
            people = people.stream().map(p -> p.strip().toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        }

        @Override
        public boolean includes(Person person) {
            return contains(person.userId()) || contains(person.userPrincipalName()) || contains(person.mail());
        }

        private boolean contains(String value) {
            return value != null && people.contains(value.toLowerCase(Locale.ROOT));
        }
    }
}
