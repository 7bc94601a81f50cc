/** The push use case and its ports. */
package io.calbridge.sync.push.application;
