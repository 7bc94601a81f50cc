/** The connection test's calls to Entra ID and Graph through graph-client. */
package io.calbridge.provisioning.connection.adapter.out.graph;
