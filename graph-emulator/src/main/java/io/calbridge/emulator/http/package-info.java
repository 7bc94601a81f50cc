/** The HTTP plumbing: request/response records, routing, throttling and the dispatch pipeline. */
@NullMarked
package io.calbridge.emulator.http;

import org.jspecify.annotations.NullMarked;
