/** The sync-storm scenario: sync-service's initial sync and its edit-to-event latency under a storm of Outlook edits. */
@NullMarked
package io.calbridge.bench.sync;

import org.jspecify.annotations.NullMarked;
