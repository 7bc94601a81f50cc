/** The one-command embedded run: a KRaft broker, PostgreSQL, the Graph emulator and the three services. */
package io.calbridge.localstack;
