package io.calbridge.common;

/**
 * How Calbridge marks the calendar events it writes, so that sync can tell its own events from people's and
 * report them with {@code snapshot.calbridgeTag}. The tag is a Graph single-value extended property (a MAPI
 * named property in Calbridge's own property set) whose value identifies the writer and the item, for example
 * {@code booking:3e9a1c7b-…} or {@code push:<externalId>}.
 */
public final class CalbridgeTag {

    /** The extended property's id as Graph expects it in {@code singleValueExtendedProperties}. */
    public static final String PROPERTY_ID = "String {7c1e2b9a-4d3f-4a8e-b6c5-2f1d0e9a8b7c} Name CalbridgeTag";

    /** Tag prefix for room bookings; the booking id follows. */
    public static final String BOOKING_PREFIX = "booking:";

    /** Tag prefix for pushed events; the pushing app's external id follows. */
    public static final String PUSH_PREFIX = "push:";

    private CalbridgeTag() {
    }
}
