/** Wire contracts shared by Calbridge services: the topic catalog, event records and the CloudEvents codec. */
package io.calbridge.common;
