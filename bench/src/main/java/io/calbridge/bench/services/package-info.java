/** Running a service under measurement as its own process, from its jar. */
@NullMarked
package io.calbridge.bench.services;

import org.jspecify.annotations.NullMarked;
