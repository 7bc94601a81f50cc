package io.calbridge.provisioning.tenant.domain;

/**
 * What an enrollment policy knows about a person when deciding whether they are in scope.
 *
 * @param userId            Entra object id
 * @param userPrincipalName sign-in name
 * @param mail              primary SMTP address; null when unknown
 * @param displayName       null when unknown
 * @param department        null when unknown
 */
public record Person(String userId, String userPrincipalName, String mail, String displayName, String department) {

    /** The value of an attribute a rule can test; null when unknown. */
    public String attribute(AttributeRule.Attribute attribute) {
        return switch (attribute) {
            case DEPARTMENT -> department;
            case USER_PRINCIPAL_NAME -> userPrincipalName;
            case MAIL -> mail;
            case DISPLAY_NAME -> displayName;
        };
    }
}
