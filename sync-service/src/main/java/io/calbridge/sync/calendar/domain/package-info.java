/** Calendar events, their place in a series, and the rules that tell a real change from a replay. */
package io.calbridge.sync.calendar.domain;
