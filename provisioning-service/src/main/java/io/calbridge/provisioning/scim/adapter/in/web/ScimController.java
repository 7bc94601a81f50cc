package io.calbridge.provisioning.scim.adapter.in.web;

import io.calbridge.provisioning.scim.application.ScimProblem;
import io.calbridge.provisioning.scim.application.ScimProvisioning;
import io.calbridge.provisioning.scim.domain.ScimUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * SCIM 2.0 Users (RFC 7643/7644) as Entra ID and Okta provisioning call it, authenticated with the tenant's SCIM
 * bearer token: POST, GET (by id, list, {@code filter=userName eq "…"}), PATCH ({@code active}), DELETE.
 */
@RestController
@RequestMapping(value = "/scim/v2/Users", produces = {"application/scim+json", "application/json"})
@Tag(name = "SCIM 2.0")
public class ScimController {

    static final String USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    private static final Pattern USER_NAME_EQ = Pattern.compile("(?i)\\s*userName\\s+eq\\s+\"([^\"]*)\"\\s*");

    private final ScimProvisioning scim;

    public ScimController(ScimProvisioning scim) {
        this.scim = scim;
    }

    @PostMapping
    @Operation(summary = "Create a user; an active user is onboarded")
    public ResponseEntity<Map<String, Object>> create(@RequestHeader(name = "Authorization", required = false) String authorization,
                                                      @RequestBody JsonNode body) {
        String tenantId = scim.authenticate(bearer(authorization));
        JsonNode enterprise = body.path(ENTERPRISE);
        ScimUser user = scim.create(tenantId, text(body, "externalId"), text(body, "userName"), displayName(body), primaryEmail(body),
                text(enterprise, "department"), !body.has("active") || body.path("active").asBoolean(true));
        return ResponseEntity.status(HttpStatus.CREATED).body(resource(user));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One user")
    public Map<String, Object> get(@RequestHeader(name = "Authorization", required = false) String authorization, @PathVariable String id) {
        return resource(scim.get(scim.authenticate(bearer(authorization)), id));
    }

    @GetMapping
    @Operation(summary = "List users, or find one with filter=userName eq \"…\"")
    public Map<String, Object> list(@RequestHeader(name = "Authorization", required = false) String authorization,
                                    @RequestParam(required = false) String filter,
                                    @RequestParam(defaultValue = "1") int startIndex, @RequestParam(defaultValue = "100") int count) {
        String tenantId = scim.authenticate(bearer(authorization));
        List<ScimUser> found;
        int total;
        if (filter != null && !filter.isBlank()) {
            Matcher m = USER_NAME_EQ.matcher(filter);
            if (!m.matches()) {
                throw new ScimProblem(400, "invalidFilter", "only 'userName eq \"…\"' is supported");
            }
            found = scim.byUserName(tenantId, m.group(1)).map(List::of).orElse(List.of());
            total = found.size();
        } else {
            found = scim.list(tenantId, Math.max(1, startIndex), Math.min(Math.max(count, 0), 500));
            total = scim.count(tenantId);
        }
        Map<String, Object> list = new LinkedHashMap<>();
        list.put("schemas", List.of("urn:ietf:params:scim:api:messages:2.0:ListResponse"));
        list.put("totalResults", total);
        list.put("startIndex", Math.max(1, startIndex));
        list.put("itemsPerPage", found.size());
        list.put("Resources", found.stream().map(ScimController::resource).toList());
        return list;
    }

    @PatchMapping("/{id}")
    @Operation(summary = "Patch a user; active=false offboards, active=true onboards again")
    public Map<String, Object> patch(@RequestHeader(name = "Authorization", required = false) String authorization,
                                     @PathVariable String id, @RequestBody JsonNode body) {
        String tenantId = scim.authenticate(bearer(authorization));
        ScimUser user = scim.get(tenantId, id);
        for (JsonNode op : body.path("Operations")) {
            String kind = op.path("op").asText("").toLowerCase(Locale.ROOT);
            if (!kind.equals("replace") && !kind.equals("add")) {
                continue;
            }
            String path = op.path("path").asText("");
            JsonNode value = op.path("value");
            Boolean active = null;
            if (path.equalsIgnoreCase("active")) {
                active = value.isBoolean() ? value.asBoolean() : Boolean.parseBoolean(value.asText());
            } else if (path.isEmpty() && value.has("active")) {
                JsonNode a = value.path("active");
                active = a.isBoolean() ? a.asBoolean() : Boolean.parseBoolean(a.asText());
            }
            if (active != null) {
                user = scim.setActive(tenantId, id, active);
            }
        }
        return resource(user);
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete a user; an active user is offboarded")
    public ResponseEntity<Void> delete(@RequestHeader(name = "Authorization", required = false) String authorization,
                                       @PathVariable String id) {
        scim.delete(scim.authenticate(bearer(authorization)), id);
        return ResponseEntity.noContent().build();
    }

    static Map<String, Object> resource(ScimUser u) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("schemas", List.of(USER_SCHEMA, ENTERPRISE));
        r.put("id", u.userId());
        r.put("externalId", u.userId());
        r.put("userName", u.userName());
        r.put("active", u.active());
        if (u.displayName() != null) {
            r.put("displayName", u.displayName());
        }
        if (u.email() != null) {
            r.put("emails", List.of(Map.of("value", u.email(), "type", "work", "primary", true)));
        }
        if (u.department() != null) {
            r.put(ENTERPRISE, Map.of("department", u.department()));
        }
        r.put("meta", Map.of("resourceType", "User", "lastModified", u.updatedAt().toString(), "location", "/scim/v2/Users/" + u.userId()));
        return r;
    }

    private static String bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return authorization.substring(7);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isMissingNode() || v.isNull() ? null : v.asText();
    }

    private static String displayName(JsonNode body) {
        String display = text(body, "displayName");
        if (display != null) {
            return display;
        }
        String given = text(body.path("name"), "givenName");
        String family = text(body.path("name"), "familyName");
        return given == null && family == null ? null : ((given == null ? "" : given) + " " + (family == null ? "" : family)).strip();
    }

    private static String primaryEmail(JsonNode body) {
        List<String> all = new ArrayList<>();
        for (JsonNode e : body.path("emails")) {
            if (e.path("primary").asBoolean(false)) {
                return text(e, "value");
            }
            all.add(text(e, "value"));
        }
        return all.isEmpty() ? null : all.getFirst();
    }
}
