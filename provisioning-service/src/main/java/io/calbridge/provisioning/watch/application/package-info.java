/** The optional directory watch: Graph {@code /users/delta} per tenant turned into joiners and leavers. */
package io.calbridge.provisioning.watch.application;
