package org.jnrf.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/** Output files through Hadoop's file systems (local, HDFS, S3, ...), as the job's other outputs are written. */
final class HadoopFiles {
    private HadoopFiles() {
    }

    /** The local file system writes a hidden {@code .crc} file beside each file: {@code annotate} writes none. */
    static FileSystem withoutChecksums(FileSystem fs) {
        return fs instanceof LocalFileSystem local ? local.getRawFileSystem() : fs;
    }

    /**
     * {@code <root>/<relativePath><extension>}, refusing a path that would leave {@code root} (absolute, empty,
     * or with {@code .} or {@code ..} segments): ids come from the input and must not choose where we write.
     */
    static Path under(Path root, String relativePath, String extension) throws IOException {
        if (relativePath == null || relativePath.isEmpty() || relativePath.startsWith("/")
                || relativePath.contains("\\") || relativePath.contains(":")) {
            throw new IOException("the note id is not a relative file path");
        }
        for (String segment : relativePath.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IOException("the note id is not a relative file path");
            }
        }
        return new Path(root, relativePath + extension);
    }

    /** Writes {@code content} to {@code file}, replacing it. */
    static void write(FileSystem fs, Path file, String content) throws IOException {
        try (OutputStream out = fs.create(file, true)) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
    }
}
