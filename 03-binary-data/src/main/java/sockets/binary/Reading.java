package sockets.binary;

/**
 * A sensor reading: the chapter's example of a binary record with fields of every width.
 *
 * @param sensor   which sensor, 0 to 65,535 (u16)
 * @param sequence a signed 32-bit counter (i32)
 * @param micros   when, in microseconds since 1970 (i64)
 * @param value    what it measured (f64, IEEE 754)
 * @param unit     the unit, as UTF-8 text ("degC")
 */
public record Reading(int sensor, int sequence, long micros, double value, String unit) {
    public Reading {
        if (sensor < 0 || sensor > 0xffff) {
            throw new IllegalArgumentException("sensor " + sensor + " does not fit in a u16");
        }
        if (unit == null) {
            throw new IllegalArgumentException("unit must not be null");
        }
    }
}
