package io.calbridge.common.cloudevents;

import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Conversion between {@link EventMessage} and kafka-clients records, with the headers as in {@link CloudEventHeaders}. */
public final class KafkaMessages {

    private KafkaMessages() {
    }

    /** A record for the message's topic and key; the partition is left to the producer's partitioner. */
    public static ProducerRecord<String, byte[]> toProducerRecord(EventMessage message) {
        Objects.requireNonNull(message, "message");
        return new ProducerRecord<>(message.topic(), null, message.key(), message.payload(),
                CloudEventHeaders.toKafka(message.headers()));
    }

    /**
     * The message a consumer read. A null value becomes an empty payload, which decoding rejects as
     * {@link InvalidEventException.Reason#MALFORMED_JSON}.
     *
     * @throws InvalidEventException with {@link InvalidEventException.Reason#MISSING_KEY} when the record has no key
     */
    public static EventMessage fromConsumerRecord(ConsumerRecord<String, byte[]> record) {
        Objects.requireNonNull(record, "record");
        if (record.key() == null) {
            throw new InvalidEventException(InvalidEventException.Reason.MISSING_KEY,
                    "record at " + record.topic() + "-" + record.partition() + "@" + record.offset() + " has no key");
        }
        byte[] payload = record.value() == null ? new byte[0] : record.value();
        return new EventMessage(record.topic(), record.key(), CloudEventHeaders.fromKafka(record.headers()), payload);
    }
}
