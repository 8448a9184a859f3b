package org.jnrf.uima;

import java.io.FileNotFoundException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.jnrf.model.JnrfModel;

/**
 * Where a model zip comes from: a local file path, {@code classpath:path/in/jar.zip}, a {@code file:} URL without a
 * host, or a {@code jar:} URL of an entry in such a file ({@code jar:file:/models/m.jar!/m.zip}). Every way of naming
 * a model (annotator parameter, shared resource, command line) goes through this class, and anything else is refused
 * when the location is made: clinical deployments must not fetch anything at run time, and Java's URL handlers
 * would (http:, ftp:, a {@code file:} URL with a host falls back to FTP, a {@code jar:} URL fetches the URL inside
 * it). Locations are opened with file and zip APIs, never with a URL connection.
 */
public record ModelLocation(String location) {
    /** The model shipped inside the jar, used when no model is named. */
    public static final String DEFAULT = "classpath:org/jnrf/resources/models/jnrf-phee-default.zip";

    private static final String CLASSPATH_PREFIX = "classpath:";
    private static final String JAR_SEPARATOR = "!/";

    /**
     * @throws IllegalArgumentException when the location is not a local file, a class path resource or a
     *                                  {@code jar:} URL of a local file
     */
    public ModelLocation {
        if (location == null || location.isBlank()) {
            location = DEFAULT;
        }
        source(location); // refuses remote forms before anything can open them
    }

    public static ModelLocation defaultModel() {
        return new ModelLocation(DEFAULT);
    }

    /** A model file. */
    public static ModelLocation of(Path file) {
        return new ModelLocation(file.toString());
    }

    public InputStream open() throws IOException {
        return source(location).open();
    }

    /** Loads the model; errors name the location. */
    public JnrfModel load() throws IOException {
        Source source = source(location);
        if (source instanceof LocalFile file) {
            file.requireExists();
            return JnrfModel.load(file.path()); // a file's size bounds what its entries may declare
        }
        try (InputStream in = source.open()) {
            return JnrfModel.load(in, location);
        }
    }

    private sealed interface Source permits LocalFile, ClassPathResource, JarEntry {
        InputStream open() throws IOException;
    }

    private record LocalFile(String location, Path path) implements Source {
        void requireExists() throws FileNotFoundException {
            if (!Files.isRegularFile(path)) {
                throw new FileNotFoundException(location + ": no such file");
            }
        }

        @Override
        public InputStream open() throws IOException {
            requireExists();
            return Files.newInputStream(path);
        }
    }

    private record ClassPathResource(String location, String resource) implements Source {
        @Override
        public InputStream open() throws IOException {
            InputStream in = ModelLocation.class.getClassLoader().getResourceAsStream(resource);
            if (in == null) {
                throw new FileNotFoundException(location + ": no such resource on the class path");
            }
            return in;
        }
    }

    private record JarEntry(String location, LocalFile jar, String entry) implements Source {
        @Override
        public InputStream open() throws IOException {
            jar.requireExists();
            ZipFile zip = new ZipFile(jar.path().toFile());
            ZipEntry e = zip.getEntry(entry);
            if (e == null) {
                zip.close();
                throw new FileNotFoundException(location + ": no entry " + entry + " in " + jar.path());
            }
            return new FilterInputStream(zip.getInputStream(e)) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        zip.close();
                    }
                }
            };
        }
    }

    /** What a location names, or an IllegalArgumentException saying why it is refused. */
    private static Source source(String location) {
        if (location.startsWith(CLASSPATH_PREFIX)) {
            return new ClassPathResource(location,
                    location.substring(CLASSPATH_PREFIX.length()).replaceFirst("^/+", ""));
        }
        String scheme = scheme(location);
        if (scheme == null) {
            return new LocalFile(location, path(location, location));
        }
        if (scheme.equals("file")) {
            return new LocalFile(location, fileUrl(location, location));
        }
        if (scheme.equals("jar")) {
            String inner = location.substring("jar:".length());
            int separator = inner.indexOf(JAR_SEPARATOR);
            if (separator < 0 || inner.indexOf(JAR_SEPARATOR, separator + 1) >= 0) {
                throw refused(location, "a jar: URL names one entry of a local file, as jar:file:/path/m.jar!/m.zip");
            }
            String jar = inner.substring(0, separator);
            if (!"file".equals(scheme(jar))) {
                throw refused(location, "a jar: URL must hold a file: URL");
            }
            String entry = decode(location, inner.substring(separator + JAR_SEPARATOR.length()));
            return new JarEntry(location, new LocalFile(location, fileUrl(location, jar)), entry);
        }
        throw refused(location, scheme + ": locations are not read");
    }

    /** The local path of a file: URL; a host would make Java fetch it by FTP. */
    private static Path fileUrl(String location, String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw refused(location, "not a valid URL (" + e.getReason() + ")");
        }
        if (uri.isOpaque()) { // file:relative/m.zip
            return path(location, decode(location, uri.getRawSchemeSpecificPart()));
        }
        if (uri.getRawAuthority() != null && !uri.getRawAuthority().isEmpty()) {
            throw refused(location, "a file: URL with a host (" + uri.getRawAuthority() + ") is a network location;"
                    + " write file:/path or file:///path");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw refused(location, "a file: URL with a query or fragment");
        }
        return path(location, uri.getPath());
    }

    private static Path path(String location, String path) {
        try {
            return Path.of(path);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("model " + location + ": not a valid file path (" + e.getReason() + ")");
        }
    }

    /** A URL path with its %-escapes decoded ('+' stays a plus sign, as in URL paths). */
    private static String decode(String location, String raw) {
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw refused(location, "not a valid URL (" + e.getMessage() + ")");
        }
    }

    private static IllegalArgumentException refused(String location, String why) {
        return new IllegalArgumentException("model location " + location + " refused: " + why + ". A model is read "
                + "only from a local file, the class path (classpath:...) or a jar: URL of a local file (no network "
                + "access)");
    }

    /** URL scheme of the location, or null for a plain path (a Windows drive letter is not a scheme). */
    private static String scheme(String location) {
        int colon = location.indexOf(':');
        if (colon < 2) {
            return null;
        }
        String scheme = location.substring(0, colon);
        if (!scheme.matches("[A-Za-z][A-Za-z0-9+.-]*")) {
            return null;
        }
        return scheme.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return location;
    }
}
