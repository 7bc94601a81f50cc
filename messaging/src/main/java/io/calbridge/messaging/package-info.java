/** The messaging kernel: transactional outbox, idempotent consumption and dead letters over Kafka and PostgreSQL. */
@NullMarked
package io.calbridge.messaging;

import org.jspecify.annotations.NullMarked;
