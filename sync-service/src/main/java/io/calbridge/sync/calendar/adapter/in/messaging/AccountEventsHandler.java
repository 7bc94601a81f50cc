package io.calbridge.sync.calendar.adapter.in.messaging;

import io.calbridge.common.Topics;
import io.calbridge.common.cloudevents.CloudEventCodec;
import io.calbridge.common.cloudevents.EventMessage;
import io.calbridge.common.events.MailboxKind;
import io.calbridge.common.events.account.AccountConnected;
import io.calbridge.common.events.account.AccountDisconnected;
import io.calbridge.messaging.DeadLetterHeaders;
import io.calbridge.messaging.InboundEventHandler;
import io.calbridge.messaging.PermanentFailure;
import io.calbridge.sync.calendar.application.ConnectMailbox;
import io.calbridge.sync.calendar.domain.Mailbox;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code provisioning.accounts}: {@code AccountConnected} starts syncing a mailbox, {@code AccountDisconnected}
 * stops it. The tenant is not required here (its configuration may arrive a moment later on another topic); the
 * sync run retries until it is known.
 */
@Component
public class AccountEventsHandler implements InboundEventHandler {

    private final CloudEventCodec codec;
    private final ConnectMailbox connectMailbox;

    public AccountEventsHandler(CloudEventCodec codec, ConnectMailbox connectMailbox) {
        this.codec = codec;
        this.connectMailbox = connectMailbox;
    }

    @Override
    public String topic() {
        return Topics.ACCOUNTS;
    }

    @Override
    public void handle(EventMessage message) {
        switch (codec.decode(message)) {
            case AccountConnected e -> connectMailbox.connect(new Mailbox(e.tenantId(), e.mailboxId(), e.mailboxAddress(),
                    e.kind() == MailboxKind.ROOM ? Mailbox.Kind.ROOM : Mailbox.Kind.USER, e.displayName()), e.occurredAt());
            case AccountDisconnected e -> connectMailbox.disconnect(e.tenantId(), e.mailboxId());
            default -> throw new PermanentFailure(DeadLetterHeaders.UNKNOWN_TYPE,
                    "Not an account event: " + message.header("ce_type"));
        }
    }
}
