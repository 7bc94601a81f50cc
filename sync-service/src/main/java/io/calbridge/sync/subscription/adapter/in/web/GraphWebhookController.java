package io.calbridge.sync.subscription.adapter.in.web;

import io.calbridge.sync.subscription.application.ReceiveNotifications;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The URLs Graph calls. Not under {@code /api/}: no API key, the clientState is the proof. The validation handshake
 * ({@code validationToken}, GET or POST) is answered first, before the body is even read as JSON: the decoded token
 * echoed as {@code text/plain} with 200. Notifications are checked and queued, then answered with 202 at once;
 * the delta runs later on the instance that owns the mailbox.
 */
@RestController
public class GraphWebhookController {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ReceiveNotifications receive;

    public GraphWebhookController(ReceiveNotifications receive) {
        this.receive = receive;
    }

    @GetMapping({"/webhooks/graph/notifications", "/webhooks/graph/lifecycle"})
    public ResponseEntity<String> validate(@RequestParam(name = "validationToken", required = false) String validationToken) {
        if (validationToken == null) {
            return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).build();
        }
        return echo(validationToken);
    }

    @PostMapping("/webhooks/graph/notifications")
    public ResponseEntity<String> notifications(@RequestParam(name = "validationToken", required = false) String validationToken,
                                                @RequestBody(required = false) byte[] body) {
        return validationToken != null ? echo(validationToken) : deliver(body, false);
    }

    @PostMapping("/webhooks/graph/lifecycle")
    public ResponseEntity<String> lifecycle(@RequestParam(name = "validationToken", required = false) String validationToken,
                                            @RequestBody(required = false) byte[] body) {
        return validationToken != null ? echo(validationToken) : deliver(body, true);
    }

    private static ResponseEntity<String> echo(String token) {
        return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(token);
    }

    private ResponseEntity<String> deliver(byte[] body, boolean lifecycle) {
        List<ReceiveNotifications.Delivered> delivered = new ArrayList<>();
        try {
            JsonNode root = body == null ? null : JSON.readTree(body);
            if (root == null || !root.path("value").isArray()) {
                receive.malformed();
                return ResponseEntity.badRequest().build();
            }
            for (JsonNode n : root.path("value")) {
                delivered.add(new ReceiveNotifications.Delivered(text(n, "subscriptionId"), text(n, "clientState"),
                        text(n, "changeType"), text(n.path("resourceData"), "id"), text(n, "lifecycleEvent")));
            }
        } catch (JacksonException e) {
            receive.malformed();
            return ResponseEntity.badRequest().build();
        }
        ReceiveNotifications.Outcome outcome = receive.receive(delivered, lifecycle);
        if (outcome.accepted() == 0 && outcome.rejected() > 0) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
        }
        return ResponseEntity.accepted().build();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() ? value.stringValue() : null;
    }
}
