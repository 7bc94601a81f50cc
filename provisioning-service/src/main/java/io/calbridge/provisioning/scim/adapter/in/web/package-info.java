/** The SCIM 2.0 {@code /scim/v2/Users} endpoint and the token issuing API. */
package io.calbridge.provisioning.scim.adapter.in.web;
