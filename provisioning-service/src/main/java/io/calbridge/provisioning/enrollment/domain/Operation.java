package io.calbridge.provisioning.enrollment.domain;

/** Whether the mailbox is on its way into or out of the scope. */
public enum Operation { ADD, REMOVE }
