package org.jnrf.embeddings;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/** Where import-embeddings reads the ONNX model and the tokenizer.json: two files, or two entries of one jar. */
public abstract class ModelSource implements AutoCloseable {

    abstract InputStream openOnnx() throws IOException;

    abstract InputStream openTokenizer() throws IOException;

    /** Names the ONNX model in messages, e.g. {@code model.jar!/model.onnx}. */
    abstract String onnxName();

    abstract String tokenizerName();

    /** The files read, for provenance: what they are and their SHA-256. */
    abstract List<String> provenance() throws IOException;

    /** Maven coordinates and licences of a Maven jar; empty for plain files. */
    Optional<MavenArtifact> mavenArtifact() throws IOException {
        return Optional.empty();
    }

    /** A README shipped beside the model, if any. */
    Optional<String> readme() throws IOException {
        return Optional.empty();
    }

    @Override
    public void close() throws IOException {
    }

    /** Opens the buffered stream of a file. */
    static InputStream open(Path file) throws IOException {
        return new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    }

    record MavenArtifact(String coordinates, List<String> licences) {
    }

    public static ModelSource files(Path onnx, Path tokenizer) throws IOException {
        requireFile(onnx);
        requireFile(tokenizer);
        return new ModelSource() {
            @Override
            InputStream openOnnx() throws IOException {
                return open(onnx);
            }

            @Override
            InputStream openTokenizer() throws IOException {
                return open(tokenizer);
            }

            @Override
            String onnxName() {
                return onnx.toString();
            }

            @Override
            String tokenizerName() {
                return tokenizer.toString();
            }

            @Override
            List<String> provenance() throws IOException {
                return List.of(describe(onnx), describe(tokenizer));
            }
        };
    }

    public static ModelSource jar(Path jar) throws IOException {
        requireFile(jar);
        ZipFile zip;
        try {
            zip = new ZipFile(jar.toFile());
        } catch (ZipException e) {
            throw new IOException(jar + ": not a jar/zip file: " + e.getMessage(), e);
        }
        try {
            ZipEntry onnx = single(zip, jar, ".onnx");
            ZipEntry tokenizer = single(zip, jar, "tokenizer.json");
            return new JarSource(jar, zip, onnx, tokenizer);
        } catch (IOException | RuntimeException e) {
            zip.close();
            throw e;
        }
    }

    private static ZipEntry single(ZipFile zip, Path jar, String suffix) throws IOException {
        List<ZipEntry> found = zip.stream().filter(e -> !e.isDirectory() && e.getName().endsWith(suffix))
                .<ZipEntry>map(e -> e).toList();
        if (found.size() != 1) {
            throw new IOException(jar + ": expected one entry ending in '" + suffix + "', found " + found.size()
                    + (found.isEmpty() ? "" : " " + found.stream().map(ZipEntry::getName).toList())
                    + "; use --onnx and --tokenizer with extracted files instead");
        }
        return found.get(0);
    }

    private static void requireFile(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such file");
        }
    }

    static String describe(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return "`" + file.getFileName() + "` (" + Files.size(file) + " bytes, SHA-256 " + sha256(in) + ")";
        }
    }

    static String sha256(InputStream in) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (DigestInputStream digesting = new DigestInputStream(in, digest)) {
                digesting.transferTo(OutputStream.nullOutputStream());
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static final class JarSource extends ModelSource {
        private static final Pattern LICENSE = Pattern.compile(
                "<license>\\s*<name>([^<]*)</name>\\s*(?:<url>([^<]*)</url>)?", Pattern.DOTALL);
        private final Path jar;
        private final ZipFile zip;
        private final ZipEntry onnx;
        private final ZipEntry tokenizer;

        JarSource(Path jar, ZipFile zip, ZipEntry onnx, ZipEntry tokenizer) {
            this.jar = jar;
            this.zip = zip;
            this.onnx = onnx;
            this.tokenizer = tokenizer;
        }

        @Override
        InputStream openOnnx() throws IOException {
            return new java.io.BufferedInputStream(zip.getInputStream(onnx), 1 << 16);
        }

        @Override
        InputStream openTokenizer() throws IOException {
            return new java.io.BufferedInputStream(zip.getInputStream(tokenizer), 1 << 16);
        }

        @Override
        String onnxName() {
            return jar + "!/" + onnx.getName();
        }

        @Override
        String tokenizerName() {
            return jar + "!/" + tokenizer.getName();
        }

        @Override
        List<String> provenance() throws IOException {
            List<String> lines = new ArrayList<>();
            lines.add(describe(jar));
            lines.add("entries `" + onnx.getName() + "` (" + onnx.getSize() + " bytes) and `" + tokenizer.getName()
                    + "` (" + tokenizer.getSize() + " bytes)");
            return lines;
        }

        @Override
        Optional<MavenArtifact> mavenArtifact() throws IOException {
            Optional<? extends ZipEntry> properties = zip.stream()
                    .filter(e -> e.getName().startsWith("META-INF/maven/") && e.getName().endsWith("/pom.properties"))
                    .findFirst();
            if (properties.isEmpty()) {
                return Optional.empty();
            }
            Properties p = new Properties();
            try (InputStream in = zip.getInputStream(properties.get())) {
                p.load(in);
            }
            String coordinates = p.getProperty("groupId") + ":" + p.getProperty("artifactId") + ":"
                    + p.getProperty("version");
            List<String> licences = new ArrayList<>();
            ZipEntry pom = zip.getEntry(properties.get().getName().replace("pom.properties", "pom.xml"));
            if (pom != null) {
                Matcher m = LICENSE.matcher(text(pom));
                while (m.find()) {
                    licences.add(m.group(1).strip() + (m.group(2) == null ? "" : " (" + m.group(2).strip() + ")"));
                }
            }
            return Optional.of(new MavenArtifact(coordinates, licences));
        }

        @Override
        Optional<String> readme() throws IOException {
            ZipEntry readme = zip.stream().filter(e -> !e.getName().contains("/")
                    && e.getName().toUpperCase(java.util.Locale.ROOT).startsWith("README")).findFirst().orElse(null);
            return readme == null ? Optional.empty() : Optional.of(text(readme));
        }

        private String text(ZipEntry entry) throws IOException {
            try (InputStream in = zip.getInputStream(entry)) {
                byte[] bytes = in.readNBytes(64 * 1024); // a README or pom, never a weight file
                return new String(bytes, StandardCharsets.UTF_8);
            }
        }

        @Override
        public void close() throws IOException {
            zip.close();
        }
    }
}
