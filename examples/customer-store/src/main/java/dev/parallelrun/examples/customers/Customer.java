package dev.parallelrun.examples.customers;

/**
 * A customer as the application sees it, whichever store it comes from.
 *
 * @param id the key
 * @param name first and last name, one space apart
 * @param email where to write
 * @param tier {@code bronze}, {@code silver} or {@code gold}
 * @param address where the customer lives
 */
public record Customer(long id, String name, String email, String tier, Address address) {

    /**
     * A postal address.
     *
     * @param street street and number
     * @param city the city
     * @param postcode the postcode
     * @param country the country's English name
     */
    public record Address(String street, String city, String postcode, String country) {}

    /** This customer with another email. */
    public Customer withEmail(String newEmail) {
        return new Customer(id, name, newEmail, tier, address);
    }

    /** This customer with another tier. */
    public Customer withTier(String newTier) {
        return new Customer(id, name, email, newTier, address);
    }
}
