/** The root of all event contracts, with one sub-package and one sealed interface per Kafka topic. */
package io.calbridge.common.events;
