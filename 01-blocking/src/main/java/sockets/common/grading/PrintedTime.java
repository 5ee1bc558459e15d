package sockets.common.grading;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds, in what a client printed, an ISO-8601 UTC time equal to the one expected (to the second). Accepted:
 * {@code 2025-07-14T21:09:03Z}, {@code +00:00}, {@code +0000} or {@code +00} for {@code Z}, a space for
 * {@code T}, and fractional seconds ({@code 21:09:03.250Z}): Java's {@code Instant}, Python's
 * {@code isoformat()} and C's {@code strftime} all pass.
 */
public final class PrintedTime {
    private static final Pattern UTC = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2})[T ](\\d{2}:\\d{2}:\\d{2})(\\.\\d{1,9})?(Z|[+-]00:?(?:00)?)(?![\\d:])");

    private PrintedTime() {
    }

    /** True if {@code printed} holds {@code expected}, to the second, in one of the accepted forms. */
    public static boolean shows(String printed, Instant expected) {
        Matcher m = UTC.matcher(printed);
        Instant second = expected.truncatedTo(ChronoUnit.SECONDS);
        while (m.find()) {
            try {
                Instant found = LocalDateTime.parse(m.group(1) + "T" + m.group(2)).toInstant(ZoneOffset.UTC);
                if (found.equals(second)) {
                    return true;
                }
            } catch (DateTimeParseException e) {
                // not a date after all (month 13): look further
            }
        }
        return false;
    }
}
