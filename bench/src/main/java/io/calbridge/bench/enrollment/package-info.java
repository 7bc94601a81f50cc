/**
 * The enrollment-throughput scenario: provisioning-service, run from its jar, enrolls thousands of people into an
 * administrative unit under the emulator's directory write limit.
 */
@NullMarked
package io.calbridge.bench.enrollment;

import org.jspecify.annotations.NullMarked;
