/** The outbox-relay scenario: relay throughput and commit-to-consumer latency on the embedded broker and database. */
@NullMarked
package io.calbridge.bench.outbox;

import org.jspecify.annotations.NullMarked;
