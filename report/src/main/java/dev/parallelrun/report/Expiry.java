package dev.parallelrun.report;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;

/**
 * An experiment's expiry.
 *
 * @param expiresOn the date of the latest line that carried one, or {@code null} when no line did
 * @param expired true when a line said the call happened after the expiry date, or the report's day is past it
 */
public record Expiry(@Nullable LocalDate expiresOn, boolean expired) {

    /** Days from {@code today} to the expiry date: negative once past it. Only meaningful with a date. */
    public long daysLeft(LocalDate today) {
        return expiresOn == null ? Long.MAX_VALUE : ChronoUnit.DAYS.between(today, expiresOn);
    }
}
