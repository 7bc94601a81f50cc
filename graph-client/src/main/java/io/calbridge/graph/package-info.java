/** One paced, batching, retrying Microsoft Graph client per tenant credential, shared by the services. */
package io.calbridge.graph;
