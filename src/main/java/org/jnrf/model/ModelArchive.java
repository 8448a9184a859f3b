package org.jnrf.model;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Reads the entries of a model or checkpoint zip without trusting what it declares: an entry is refused before it is
 * inflated when its declared size is out of bounds, and while it is inflated as soon as the archive's entries
 * together grow more than {@link #MAX_INFLATION} times the archive's bytes (its size when it is a file, else the
 * compressed bytes read so far). A zip bomb (zeros deflate about 1000 to 1) is stopped early, while a real archive
 * may hold an entry of mostly zeros (optimizer state of embedding rows training never touched) beside its weights,
 * which deflate about 1.1 to 1. Memory therefore grows with the bytes really in the archive, never with what a
 * header claims.
 */
public final class ModelArchive {
    /** The entries may inflate to at most this many times the archive's bytes (beyond {@link #INFLATION_GRACE}). */
    static final int MAX_INFLATION = 100;
    /** Small archives (a configuration, a short vocabulary) may compress better than {@link #MAX_INFLATION}. */
    static final long INFLATION_GRACE = 1 << 20;
    /** The largest entry a Java array holds. */
    static final long MAX_ENTRY_BYTES = Integer.MAX_VALUE - 8;
    private static final int CHUNK = 1 << 16;

    private ModelArchive() {
    }

    /**
     * Every entry by name.
     *
     * @param file        names the archive in error messages
     * @param archiveSize the archive's size in bytes when known (a file), else -1
     */
    public static Map<String, byte[]> read(InputStream archive, String file, long archiveSize)
            throws ModelFormatException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        CountingInputStream counted = new CountingInputStream(archive);
        Budget budget = new Budget(counted, archiveSize);
        try (ZipInputStream zip = new ZipInputStream(counted, StandardCharsets.UTF_8)) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                checkDeclaredSizes(e, file, archiveSize, budget);
                byte[] content = readEntry(zip, e, budget, file);
                budget.inflatedBefore += content.length;
                if (entries.put(e.getName(), content) != null) {
                    throw new ModelFormatException(file, "entry " + e.getName() + " appears twice");
                }
            }
        } catch (ModelFormatException e) {
            throw e;
        } catch (ZipException e) {
            throw new ModelFormatException(file, "not a valid zip file: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ModelFormatException(file, "unreadable zip: " + e.getMessage(), e);
        }
        if (entries.isEmpty()) {
            throw new ModelFormatException(file, counted.count == 0 ? "empty file, not a JNRF model"
                    : "not a JNRF model (truncated or not a zip file)");
        }
        return entries;
    }

    /** The sizes a local header declares (when it does), against the bounds and the archive's real size. */
    private static void checkDeclaredSizes(ZipEntry e, String file, long archiveSize, Budget budget)
            throws ModelFormatException {
        long size = e.getSize();
        long compressed = e.getCompressedSize();
        if (size > MAX_ENTRY_BYTES) {
            throw new ModelFormatException(file, "entry " + e.getName() + " declares " + size
                    + " bytes, more than a model entry can hold (" + MAX_ENTRY_BYTES + ")");
        }
        if (archiveSize >= 0 && compressed > archiveSize) {
            throw new ModelFormatException(file, "entry " + e.getName() + " declares " + compressed
                    + " compressed bytes, but the file has " + archiveSize);
        }
        if (size >= 0 && compressed >= 0 && budget.exceededBy(size, compressed)) {
            throw inflationError(file, e.getName(), budget.inflatedBefore + size, budget.archiveBytes(compressed));
        }
    }

    private static byte[] readEntry(ZipInputStream zip, ZipEntry e, Budget budget, String file)
            throws IOException {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        byte[] chunk = new byte[CHUNK];
        int n;
        while ((n = zip.read(chunk)) > 0) {
            content.write(chunk, 0, n);
            long size = content.size();
            if (size > MAX_ENTRY_BYTES - CHUNK) {
                throw new ModelFormatException(file, "entry " + e.getName() + " is larger than a model entry can"
                        + " be (" + MAX_ENTRY_BYTES + " bytes)");
            }
            if (e.getSize() >= 0 && size > e.getSize()) {
                throw new ModelFormatException(file, "entry " + e.getName() + " holds more than the " + e.getSize()
                        + " bytes it declares");
            }
            if (budget.exceededBy(size, 0)) {
                throw inflationError(file, e.getName(), budget.inflatedBefore + size, budget.archiveBytes(0));
            }
        }
        return content.toByteArray();
    }

    private static ModelFormatException inflationError(String file, String entry, long inflated, long archiveBytes) {
        return new ModelFormatException(file, "entry " + entry + " inflates the archive to " + inflated
                + " bytes from " + archiveBytes + " bytes, more than " + MAX_INFLATION + " times as many: not a"
                + " model file (a zip bomb?)");
    }

    /** How far the entries may inflate: against the archive's size when known, else the bytes read from it. */
    private static final class Budget {
        private final CountingInputStream counted;
        private final long archiveSize;
        long inflatedBefore;

        Budget(CountingInputStream counted, long archiveSize) {
            this.counted = counted;
            this.archiveSize = archiveSize;
        }

        /** The archive's bytes to weigh against, counting {@code ahead} compressed bytes not read yet. */
        long archiveBytes(long ahead) {
            return archiveSize >= 0 ? archiveSize : counted.count + ahead;
        }

        /** Whether {@code entryBytes} more inflated bytes (of an entry being read) exceed the budget. */
        boolean exceededBy(long entryBytes, long ahead) {
            return inflatedBefore + entryBytes > INFLATION_GRACE + MAX_INFLATION * archiveBytes(ahead);
        }
    }

    /** Counts the bytes the zip reader has taken from the archive: the compressed bytes read so far. */
    private static final class CountingInputStream extends FilterInputStream {
        long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }
}
