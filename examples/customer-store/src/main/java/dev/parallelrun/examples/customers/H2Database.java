package dev.parallelrun.examples.customers;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.h2.jdbcx.JdbcConnectionPool;

/** One H2 database file behind a pool of connections: the JDBC plumbing each store has, whatever its schema. */
final class H2Database implements AutoCloseable {

    private final JdbcConnectionPool pool;

    H2Database(Path file) {
        this.pool = JdbcConnectionPool.create("jdbc:h2:file:" + file.toAbsolutePath(), "sa", "");
        pool.setMaxConnections(32);
    }

    Connection connection() throws SQLException {
        return pool.getConnection();
    }

    /** Runs statements without parameters, in order, on one connection: DDL. */
    void execute(String... statements) throws SQLException {
        try (Connection connection = pool.getConnection();
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** Runs {@code sql}, an UPDATE of one value of the row with {@code id}; false when there is no such row. */
    boolean update(String sql, long id, String value) throws SQLException {
        try (Connection connection = pool.getConnection();
                PreparedStatement update = connection.prepareStatement(sql)) {
            update.setString(1, value);
            update.setLong(2, id);
            return update.executeUpdate() == 1;
        }
    }

    @Override
    public void close() {
        pool.dispose();
    }
}
