/** RFC 9457 problem details shared by every service's REST API, with stable type URIs. */
package io.calbridge.service.problems;
