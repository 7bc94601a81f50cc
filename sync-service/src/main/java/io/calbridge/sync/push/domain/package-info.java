/** Pushed event content and the record of what was written for an external id. */
package io.calbridge.sync.push.domain;
