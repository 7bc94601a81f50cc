/** Scope membership writes, verifying calendar reads and room lists through graph-client. */
package io.calbridge.provisioning.enrollment.adapter.out.graph;
