package dev.parallelrun.examples.customers;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The store being migrated to: customers, their addresses, and a table of countries the addresses refer to by code.
 * A save writes a customer and its address in one transaction.
 */
final class ModernStore implements AutoCloseable {

    static final Map<String, String> COUNTRIES = Map.of(
            "Germany",
            "DE",
            "France",
            "FR",
            "Netherlands",
            "NL",
            "Spain",
            "ES",
            "Italy",
            "IT",
            "Portugal",
            "PT",
            "Iceland",
            "IS",
            "Ireland",
            "IE");

    private final H2Database database;

    ModernStore(Path file) throws SQLException {
        this.database = new H2Database(file);
        database.execute("""
                CREATE TABLE IF NOT EXISTS country (
                    code CHAR(2) PRIMARY KEY,
                    name VARCHAR(100) NOT NULL UNIQUE)""", """
                CREATE TABLE IF NOT EXISTS customer (
                    id BIGINT PRIMARY KEY,
                    first_name VARCHAR(100) NOT NULL,
                    last_name VARCHAR(100) NOT NULL,
                    email VARCHAR(200) NOT NULL,
                    tier VARCHAR(20) NOT NULL)""", """
                CREATE TABLE IF NOT EXISTS address (
                    customer_id BIGINT PRIMARY KEY REFERENCES customer(id),
                    street VARCHAR(200) NOT NULL,
                    city VARCHAR(100) NOT NULL,
                    postcode VARCHAR(20) NOT NULL,
                    country_code CHAR(2) NOT NULL REFERENCES country(code))""");
        try (Connection connection = database.connection();
                PreparedStatement insert =
                        connection.prepareStatement("MERGE INTO country (code, name) KEY (code) VALUES (?, ?)")) {
            for (Map.Entry<String, String> country : COUNTRIES.entrySet()) {
                insert.setString(1, country.getValue());
                insert.setString(2, country.getKey());
                insert.executeUpdate();
            }
        }
    }

    @Nullable
    Customer find(long id) throws SQLException {
        try (Connection connection = database.connection();
                PreparedStatement query = connection.prepareStatement("""
                        SELECT c.first_name, c.last_name, c.email, c.tier, a.street, a.city, a.postcode, k.name
                        FROM customer c
                        JOIN address a ON a.customer_id = c.id
                        JOIN country k ON k.code = a.country_code
                        WHERE c.id = ?""")) {
            query.setLong(1, id);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                return new Customer(
                        id,
                        row.getString(1) + " " + row.getString(2),
                        row.getString(3),
                        row.getString(4),
                        new Customer.Address(row.getString(5), row.getString(6), row.getString(7), row.getString(8)));
            }
        }
    }

    /** Inserts or replaces the customer and its address in one transaction; returns it. */
    Customer save(Customer customer) throws SQLException {
        String code = COUNTRIES.get(customer.address().country());
        if (code == null) {
            throw new SQLException("no country named '" + customer.address().country() + "'", "23506");
        }
        int space = customer.name().indexOf(' ');
        try (Connection connection = database.connection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement person = connection.prepareStatement("MERGE INTO customer (id, first_name,"
                            + " last_name, email, tier) KEY (id) VALUES (?, ?, ?, ?, ?)");
                    PreparedStatement address = connection.prepareStatement("MERGE INTO address (customer_id, street,"
                            + " city, postcode, country_code) KEY (customer_id) VALUES (?, ?, ?, ?, ?)")) {
                person.setLong(1, customer.id());
                person.setString(2, customer.name().substring(0, space));
                person.setString(3, customer.name().substring(space + 1));
                person.setString(4, customer.email());
                person.setString(5, customer.tier());
                person.executeUpdate();
                address.setLong(1, customer.id());
                address.setString(2, customer.address().street());
                address.setString(3, customer.address().city());
                address.setString(4, customer.address().postcode());
                address.setString(5, code);
                address.executeUpdate();
                connection.commit();
                return customer;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    /** Changes one customer's email; false when there is no such customer. */
    boolean changeEmail(long id, String email) throws SQLException {
        return database.update("UPDATE customer SET email = ? WHERE id = ?", id, email);
    }

    /** Changes one customer's tier; false when there is no such customer. */
    boolean changeTier(long id, String tier) throws SQLException {
        return database.update("UPDATE customer SET tier = ? WHERE id = ?", id, tier);
    }

    /** Inserts the customer unless the store has it already: a backfill must never overwrite a newer dual write. */
    boolean saveIfAbsent(Customer customer) throws SQLException {
        if (find(customer.id()) != null) {
            return false;
        }
        save(customer);
        return true;
    }

    /**
     * The planted fault: a schema change deployed to the new database while it serves, renaming a column its
     * queries still use. Every read and write of the new store fails until {@link #repair()}.
     */
    void breakSchema() throws SQLException {
        database.execute("ALTER TABLE address ALTER COLUMN postcode RENAME TO postal_code");
    }

    /** Undoes {@link #breakSchema()}. */
    void repair() throws SQLException {
        database.execute("ALTER TABLE address ALTER COLUMN postal_code RENAME TO postcode");
    }

    @Override
    public void close() {
        database.close();
    }
}
