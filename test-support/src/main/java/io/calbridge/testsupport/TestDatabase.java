package io.calbridge.testsupport;

import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Coordinates of one test class's PostgreSQL database.
 *
 * @param jdbcUrl  JDBC URL including host, port and database name
 * @param username login role
 * @param password password of {@code username}; empty because the embedded server trusts local connections
 */
public record TestDatabase(String jdbcUrl, String username, String password) {

    /** A new, unpooled data source for this database. */
    public DataSource dataSource() {
        var dataSource = new PGSimpleDataSource();
        dataSource.setUrl(jdbcUrl);
        dataSource.setUser(username);
        dataSource.setPassword(password);
        return dataSource;
    }
}
