/** One paced, batching, retrying Microsoft Graph client per tenant credential, shared by the services. */
@NullMarked
package io.calbridge.graph;

import org.jspecify.annotations.NullMarked;
