/** Enrollments in PostgreSQL, claimed by workers with {@code FOR UPDATE SKIP LOCKED}. */
package io.calbridge.provisioning.enrollment.adapter.out.persistence;
