/** Authentication of the services' REST APIs, by per-tenant API key or bearer JWT, each caller limited to its tenants. */
package io.calbridge.service.security;
