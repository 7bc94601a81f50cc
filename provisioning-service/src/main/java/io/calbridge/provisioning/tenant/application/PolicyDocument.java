package io.calbridge.provisioning.tenant.application;

import io.calbridge.provisioning.tenant.domain.AttributeRule;
import io.calbridge.provisioning.tenant.domain.EnrollmentPolicy;
import io.calbridge.provisioning.tenant.domain.PeopleScope;
import io.calbridge.provisioning.tenant.domain.RoomScope;
import io.calbridge.provisioning.tenant.domain.Strategy;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The enrollment policy as a flat document, the form the REST API and the database use.
 *
 * @param strategy         ADMINISTRATIVE_UNIT (recommended), SECURITY_GROUP, MAIL_ENABLED_GROUP or TENANT_WIDE
 * @param scopeObjectId    Entra object id of the administrative unit or group (null until created, and for TENANT_WIDE)
 * @param scopeDisplayName its display name (for scripts); optional
 * @param people           who is in scope
 * @param rooms            which rooms are in scope
 * @param testMailboxes    defaults for the connection test
 * @param directoryWatch   watch the directory (Graph {@code /users/delta}) for joiners and leavers; default false
 */
public record PolicyDocument(Strategy strategy, String scopeObjectId, String scopeDisplayName, People people, Rooms rooms,
                             TestMailboxes testMailboxes, Boolean directoryWatch) {

    /**
     * @param mode        EVERYONE, DEPARTMENTS, ATTRIBUTE_RULES or EXPLICIT_LIST
     * @param departments for DEPARTMENTS
     * @param rules       for ATTRIBUTE_RULES; all must match
     * @param users       for EXPLICIT_LIST: object ids, user principal names or addresses
     */
    public record People(Mode mode, List<String> departments, List<Rule> rules, List<String> users) {
        public enum Mode { EVERYONE, DEPARTMENTS, ATTRIBUTE_RULES, EXPLICIT_LIST }
    }

    public record Rule(AttributeRule.Attribute attribute, AttributeRule.Operator operator, String value) {}

    /**
     * @param roomListAddresses SMTP addresses of the room lists whose rooms are enrolled
     * @param scopeObjectId     the administrative unit or group rooms go into; null for the people scope
     */
    public record Rooms(List<String> roomListAddresses, String scopeObjectId) {}

    /**
     * @param inScope    a mailbox the service account should reach
     * @param outOfScope a mailbox it should be denied
     */
    public record TestMailboxes(String inScope, String outOfScope) {}

    public EnrollmentPolicy toPolicy() {
        if (strategy == null) {
            throw new io.calbridge.provisioning.tenant.domain.InvalidPolicy("the policy needs a strategy: ADMINISTRATIVE_UNIT, SECURITY_GROUP, MAIL_ENABLED_GROUP or TENANT_WIDE");
        }
        PeopleScope scope = people == null || people.mode() == null ? new PeopleScope.Everyone() : switch (people.mode()) {
            case EVERYONE -> new PeopleScope.Everyone();
            case DEPARTMENTS -> new PeopleScope.Departments(people.departments() == null ? null : new LinkedHashSet<>(people.departments()));
            case ATTRIBUTE_RULES -> new PeopleScope.AttributeRules(people.rules() == null ? null
                    : people.rules().stream().map(r -> new AttributeRule(r.attribute(), r.operator(), r.value())).toList());
            case EXPLICIT_LIST -> new PeopleScope.ExplicitList(people.users() == null ? null : new LinkedHashSet<>(people.users()));
        };
        RoomScope roomScope = rooms == null ? RoomScope.NONE : new RoomScope(rooms.roomListAddresses(), blankToNull(rooms.scopeObjectId()));
        return new EnrollmentPolicy(strategy, blankToNull(scopeObjectId), blankToNull(scopeDisplayName), scope, roomScope,
                testMailboxes == null ? null : blankToNull(testMailboxes.inScope()),
                testMailboxes == null ? null : blankToNull(testMailboxes.outOfScope()), Boolean.TRUE.equals(directoryWatch));
    }

    public static PolicyDocument of(EnrollmentPolicy policy) {
        People people = switch (policy.people()) {
            case PeopleScope.Everyone e -> new People(People.Mode.EVERYONE, List.of(), List.of(), List.of());
            case PeopleScope.Departments d -> new People(People.Mode.DEPARTMENTS, d.departments().stream().sorted().toList(), List.of(), List.of());
            case PeopleScope.AttributeRules r -> new People(People.Mode.ATTRIBUTE_RULES, List.of(),
                    r.rules().stream().map(x -> new Rule(x.attribute(), x.operator(), x.value())).toList(), List.of());
            case PeopleScope.ExplicitList l -> new People(People.Mode.EXPLICIT_LIST, List.of(), List.of(), l.people().stream().sorted().toList());
        };
        return new PolicyDocument(policy.strategy(), policy.scopeObjectId(), policy.scopeDisplayName(), people,
                new Rooms(policy.rooms().roomListAddresses(), policy.rooms().scopeObjectId()),
                new TestMailboxes(policy.testMailboxInScope(), policy.testMailboxOutOfScope()), policy.directoryWatch());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
