/** Graph {@code /users/delta} through graph-client. */
package io.calbridge.provisioning.watch.adapter.out.graph;
