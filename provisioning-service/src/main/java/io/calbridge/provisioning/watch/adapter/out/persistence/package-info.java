/** Delta links of the directory watch in PostgreSQL. */
package io.calbridge.provisioning.watch.adapter.out.persistence;
