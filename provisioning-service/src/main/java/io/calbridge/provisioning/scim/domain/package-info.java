/** Users as a SCIM 2.0 provisioning client (Entra ID, Okta) manages them, as plain Java. */
package io.calbridge.provisioning.scim.domain;
