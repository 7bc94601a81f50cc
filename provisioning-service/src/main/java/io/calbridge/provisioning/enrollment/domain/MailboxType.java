package io.calbridge.provisioning.enrollment.domain;

/** Whose mailbox is enrolled. */
public enum MailboxType { USER, ROOM }
