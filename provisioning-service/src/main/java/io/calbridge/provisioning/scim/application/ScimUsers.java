package io.calbridge.provisioning.scim.application;

import io.calbridge.provisioning.scim.domain.ScimUser;
import java.util.List;
import java.util.Optional;

/** Where SCIM users and tokens are kept. */
public interface ScimUsers {

    Optional<ScimUser> find(String tenantId, String userId);

    Optional<ScimUser> findByUserName(String tenantId, String userName);

    List<ScimUser> list(String tenantId, int startIndex, int count);

    int count(String tenantId);

    /** Inserts; false when the id or userName exists. */
    boolean insert(ScimUser user);

    void update(ScimUser user);

    void delete(String tenantId, String userId);

    /** Stores the hash of a tenant's SCIM token, replacing the previous one. */
    void saveTokenHash(String tenantId, String hash);

    /** The tenant a token hash belongs to. */
    Optional<String> tenantOfTokenHash(String hash);
}
