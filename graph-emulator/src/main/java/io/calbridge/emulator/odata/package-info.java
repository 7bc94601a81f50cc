/** Cross-cutting OData: Graph's error shape, paging, $select and the $filter subset. */
@NullMarked
package io.calbridge.emulator.odata;

import org.jspecify.annotations.NullMarked;
