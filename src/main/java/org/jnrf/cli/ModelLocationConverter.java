package org.jnrf.cli;

import org.jnrf.uima.ModelLocation;
import picocli.CommandLine;

/** Reads a model option through {@link ModelLocation}: a location that is not local is a bad argument (exit 2). */
final class ModelLocationConverter implements CommandLine.ITypeConverter<ModelLocation> {
    @Override
    public ModelLocation convert(String value) {
        try {
            return new ModelLocation(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
