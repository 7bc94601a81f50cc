/** Graph <code>/users</code>: get, list, $select, a $filter subset and delta. */
@NullMarked
package io.calbridge.emulator.users;

import org.jspecify.annotations.NullMarked;
