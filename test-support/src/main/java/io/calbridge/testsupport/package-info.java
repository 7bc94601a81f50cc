/** Real Kafka and real PostgreSQL for integration tests, in-process and without Docker. */
@NullMarked
package io.calbridge.testsupport;

import org.jspecify.annotations.NullMarked;
