package io.calbridge.emulator.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** A room list and the email addresses of its rooms. */
public record RoomList(String id, String emailAddress, ObjectNode graph, List<String> roomEmails) {}
