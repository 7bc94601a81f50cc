/** Health indicators every service shares: the Kafka broker and the Graph circuit of each tenant it talks to. */
package io.calbridge.service.health;
