/** API-key authentication for the services' REST APIs, each key limited to the tenants it was issued for. */
package io.calbridge.service.security;
