package sockets.common;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a count, size or duration that may be zero but not negative, naming the bad value. */
public final class CountConverter implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
        int n;
        try {
            n = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a whole number");
        }
        if (n < 0) {
            throw new TypeConversionException(n + " is negative");
        }
        return n;
    }
}
