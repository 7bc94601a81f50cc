/** Graph <code>/groups</code>: members, <code>$ref</code> writes and <code>members@odata.bind</code>, with Graph's limits and errors. */
@NullMarked
package io.calbridge.emulator.groups;

import org.jspecify.annotations.NullMarked;
