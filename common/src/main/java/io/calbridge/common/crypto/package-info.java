/** Sealing of service-account credentials with the deployment's shared key, for storage and transport. */
package io.calbridge.common.crypto;
