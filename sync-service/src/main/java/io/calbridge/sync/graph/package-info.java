/** How this service reaches Microsoft Graph: the shared access layer, with its pacing budgets set from {@code sync.graph.*}. */
package io.calbridge.sync.graph;
