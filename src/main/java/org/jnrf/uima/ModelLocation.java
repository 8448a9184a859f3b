package org.jnrf.uima;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * Where a model zip comes from: a file path, {@code classpath:path/in/jar.zip}, or a {@code file:} / {@code jar:}
 * URL. Network URLs are refused on purpose: clinical deployments must not fetch anything at run time.
 */
public record ModelLocation(String location) {
    /** The model shipped inside the jar, used when no model is named. */
    public static final String DEFAULT = "classpath:org/jnrf/resources/models/jnrf-phee-default.zip";

    private static final String CLASSPATH_PREFIX = "classpath:";
    private static final Set<String> LOCAL_SCHEMES = Set.of("file", "jar");

    public ModelLocation {
        if (location == null || location.isBlank()) {
            location = DEFAULT;
        }
    }

    public static ModelLocation defaultModel() {
        return new ModelLocation(DEFAULT);
    }

    public InputStream open() throws IOException {
        if (location.startsWith(CLASSPATH_PREFIX)) {
            String resource = location.substring(CLASSPATH_PREFIX.length()).replaceFirst("^/+", "");
            InputStream in = ModelLocation.class.getClassLoader().getResourceAsStream(resource);
            if (in == null) {
                throw new FileNotFoundException("model " + location + ": no such resource on the class path");
            }
            return in;
        }
        String scheme = scheme(location);
        if (scheme != null) {
            if (!LOCAL_SCHEMES.contains(scheme)) {
                throw new IOException("model " + location + ": only file:, jar: and classpath: locations are "
                        + "accepted (no network access at run time)");
            }
            return URI.create(location).toURL().openStream();
        }
        Path path = Path.of(location);
        if (!Files.isRegularFile(path)) {
            throw new FileNotFoundException("model " + location + ": no such file");
        }
        return Files.newInputStream(path);
    }

    /** URL scheme of the location, or null for a plain path (a Windows drive letter is not a scheme). */
    private static String scheme(String location) {
        try {
            String scheme = new URI(location).getScheme();
            return scheme == null || scheme.length() == 1 ? null : scheme.toLowerCase(Locale.ROOT);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return location;
    }
}
