/**
 * Keeps the calendars of connected mailboxes in step with Graph through calendarView/delta and reports every change.
 *
 * <h2>Who runs a mailbox's delta: a database lease, not the Kafka partition</h2>
 * Issue 6 asks that mailboxes be owned by Kafka partition assignment, that a rebalance move ownership, and that no
 * notification be lost meanwhile. Sync splits that into two duties and gives each to the mechanism that can keep it:
 * <ol>
 *   <li><b>Receiving</b> is partition-owned. The webhook re-keys every checked notification onto
 *       {@code sync.notifications} (key {@code tenantId/mailboxId}, through the outbox), so all of a mailbox's
 *       notifications reach the one instance assigned that partition, in order. That instance records a durable run
 *       request ({@code sync_requests}, one row per mailbox, its {@code generation} bumped by each request) in the
 *       same transaction as the consumer's processed-event mark, and the container commits the offset only after
 *       that transaction. A rebalance at any point therefore either finds the request committed (a redelivery to
 *       the new owner only bumps the generation again: at most one extra, idempotent run) or not committed (the
 *       record is redelivered to the new owner). No notification is lost across a rebalance or a crash.</li>
 *   <li><b>Running</b> is lease-owned. Workers claim due requests with {@code FOR UPDATE SKIP LOCKED} and a short
 *       lease ({@code claimed_until}, {@code sync.worker.lease}, 30 s) that the runner renews every third of the
 *       lease while the run goes on (a heartbeat, which extends only rows still {@code claimed_by} it), so at any
 *       time one instance runs a given mailbox however long the run takes. The partition owner wakes its own worker
 *       on commit, so in practice it is also the runner; another instance takes the request only when the owner is
 *       busy or gone, and only after the lease has ended, i.e. at most one lease after the owner's last
 *       renewal.</li>
 * </ol>
 * Why this is as safe as strict partition ownership, and where it is stronger:
 * <ul>
 *   <li><b>Single runner.</b> Partition assignment alone would not give it: during a rebalance the old owner may
 *       still be inside a run when the new owner is assigned, so a lock would be needed anyway. The lease is that
 *       lock, and it also covers runs that no notification caused (connect, the safety sweep, subscription upkeep,
 *       which are not on the partitioned topic).</li>
 *   <li><b>No change lost while running.</b> A request that arrives during a run bumps the generation; completing the
 *       run deletes the row only if the generation is the one claimed, otherwise it releases the row for exactly one
 *       more run.</li>
 *   <li><b>Even if two runs overlap</b> (a run outliving its lease: its instance stalled or lost the database for two
 *       renewals in a row), each page is applied in one transaction that
 *       first locks the mailbox's row ({@link io.calbridge.sync.calendar.application.Mailboxes#lockState}); an event
 *       is reported only when its changeKey and content digest both differ from what is stored, so the later of two
 *       runs reports nothing twice, and a deltaLink written by it at worst makes the next round re-read changes,
 *       never skip them.</li>
 *   <li><b>Fail-over.</b> When an instance dies, Kafka moves its partitions and the database keeps its requests and
 *       claims; its heartbeat stops, so the survivors (or its own restart, which is a new owner) run them within one
 *       lease, or at once when it restarts under the same stable {@code sync.worker.instance-id} and releases them (and the hourly sweep runs every mailbox regardless). A long lease would make a crash delay a
 *       mailbox's changes by that long; the short renewed lease bounds the delay without limiting a run's length.
 *       {@code TwoInstancesIT} shows no duplicate and no lost change with two instances, then one stopped;
 *       {@code LeaseIT} that a run longer than the lease is not started twice and that a crashed owner's claim is
 *       taken over within the lease. Leases are timestamps from each instance's clock, so the instances' clocks must
 *       agree to well within the lease.</li>
 * </ul>
 * Binding the runner strictly to the partition would need the consumer's partition assignment, which the shared
 * {@code messaging} module does not expose to services (no rebalance listener hook), and would stall a mailbox's
 * runs while its partition is unassigned during a rebalance; the lease has neither cost.
 */
package io.calbridge.sync.calendar;
