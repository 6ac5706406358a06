package dev.parallelrun.examples.customers;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The store in production: one wide table, a row per customer, the address and country spelled out in it. */
final class LegacyStore implements AutoCloseable {

    private final H2Database database;

    LegacyStore(Path file) throws SQLException {
        this.database = new H2Database(file);
        database.execute("""
                CREATE TABLE IF NOT EXISTS customer_record (
                    id BIGINT PRIMARY KEY,
                    full_name VARCHAR(200) NOT NULL,
                    email VARCHAR(200) NOT NULL,
                    tier VARCHAR(20) NOT NULL,
                    street VARCHAR(200) NOT NULL,
                    city VARCHAR(100) NOT NULL,
                    postcode VARCHAR(20) NOT NULL,
                    country VARCHAR(100) NOT NULL)""");
    }

    @Nullable
    Customer find(long id) throws SQLException {
        try (Connection connection = database.connection();
                PreparedStatement query = connection.prepareStatement("SELECT full_name, email, tier, street, city,"
                        + " postcode, country FROM customer_record WHERE id = ?")) {
            query.setLong(1, id);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                return new Customer(
                        id,
                        row.getString(1),
                        row.getString(2),
                        row.getString(3),
                        new Customer.Address(row.getString(4), row.getString(5), row.getString(6), row.getString(7)));
            }
        }
    }

    /** Inserts or replaces the customer; returns it. */
    Customer save(Customer customer) throws SQLException {
        try (Connection connection = database.connection();
                PreparedStatement merge = connection.prepareStatement("MERGE INTO customer_record (id, full_name,"
                        + " email, tier, street, city, postcode, country) KEY (id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            merge.setLong(1, customer.id());
            merge.setString(2, customer.name());
            merge.setString(3, customer.email());
            merge.setString(4, customer.tier());
            merge.setString(5, customer.address().street());
            merge.setString(6, customer.address().city());
            merge.setString(7, customer.address().postcode());
            merge.setString(8, customer.address().country());
            merge.executeUpdate();
            return customer;
        }
    }

    /** Changes one customer's email; false when there is no such customer. */
    boolean changeEmail(long id, String email) throws SQLException {
        return database.update("UPDATE customer_record SET email = ? WHERE id = ?", id, email);
    }

    /** Changes one customer's tier; false when there is no such customer. */
    boolean changeTier(long id, String tier) throws SQLException {
        return database.update("UPDATE customer_record SET tier = ? WHERE id = ?", id, tier);
    }

    /** Every customer id, in order: what a backfill walks. */
    long[] ids() throws SQLException {
        try (Connection connection = database.connection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT id FROM customer_record ORDER BY id")) {
            List<Long> ids = new ArrayList<>();
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
            return ids.stream().mapToLong(Long::longValue).toArray();
        }
    }

    @Override
    public void close() {
        database.close();
    }
}
