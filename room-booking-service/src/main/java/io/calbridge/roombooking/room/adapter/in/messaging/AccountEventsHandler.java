package io.calbridge.roombooking.room.adapter.in.messaging;

import io.calbridge.common.Topics;
import io.calbridge.common.cloudevents.CloudEventCodec;
import io.calbridge.common.cloudevents.EventMessage;
import io.calbridge.common.events.MailboxKind;
import io.calbridge.common.events.account.AccountConnected;
import io.calbridge.common.events.account.AccountDisconnected;
import io.calbridge.messaging.DeadLetterHeaders;
import io.calbridge.messaging.InboundEventHandler;
import io.calbridge.messaging.PermanentFailure;
import io.calbridge.roombooking.room.application.TrackRoomAccounts;
import org.springframework.stereotype.Component;

/** Consumes {@code provisioning.accounts}: rooms (kind ROOM) become bookable or stop being bookable; people are ignored. */
@Component
public class AccountEventsHandler implements InboundEventHandler {

    private final CloudEventCodec codec;
    private final TrackRoomAccounts accounts;

    public AccountEventsHandler(CloudEventCodec codec, TrackRoomAccounts accounts) {
        this.codec = codec;
        this.accounts = accounts;
    }

    @Override
    public String topic() {
        return Topics.ACCOUNTS;
    }

    @Override
    public void handle(EventMessage message) {
        switch (codec.decode(message)) {
            // The tenant is not required here: provisioning.tenants is another topic and may be read later; a room of
            // a tenant that never becomes known stays unusable because every API call requires the tenant.
            case AccountConnected e when e.kind() == MailboxKind.ROOM ->
                    accounts.connected(e.tenantId(), e.mailboxId(), e.mailboxAddress(), e.displayName(), e.roomListAddress());
            case AccountDisconnected e when e.kind() == MailboxKind.ROOM ->
                    accounts.disconnected(e.tenantId(), e.mailboxId(), e.mailboxAddress());
            case AccountConnected e -> { /* people are sync's business */ }
            case AccountDisconnected e -> { /* people are sync's business */ }
            default -> throw new PermanentFailure(DeadLetterHeaders.UNKNOWN_TYPE, "Not an account event: " + message.header("ce_type"));
        }
    }
}
