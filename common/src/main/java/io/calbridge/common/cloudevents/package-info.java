/** CloudEvents 1.0 binary-mode mapping between event records and Kafka messages, with the ce_type registry. */
package io.calbridge.common.cloudevents;
