-- One database per service: no service reads another's tables.
CREATE DATABASE provisioning;
CREATE DATABASE sync;
CREATE DATABASE roombooking;
