package io.calbridge.provisioning.scim.adapter.in.web;

import io.calbridge.provisioning.scim.application.ScimProblem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** SCIM errors in SCIM's own error format (RFC 7644 §3.12), which provisioning clients expect instead of RFC 9457. */
@RestControllerAdvice(assignableTypes = ScimController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ScimErrors {

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> on(ScimProblem e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("schemas", List.of("urn:ietf:params:scim:api:messages:2.0:Error"));
        body.put("status", Integer.toString(e.status()));
        if (e.scimType() != null) {
            body.put("scimType", e.scimType());
        }
        body.put("detail", e.getMessage());
        return ResponseEntity.status(e.status()).contentType(MediaType.parseMediaType("application/scim+json")).body(body);
    }
}
