package org.jnrf.corpus;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * What the writer instances of one output folder share (or of one output file in it: keys are paths). A multi-threaded CPE gives every pipeline replica its own
 * writer instance, yet a folder's error report, brat configuration or JSON Lines file must be one: the first
 * instance to {@link #acquire} a folder's value creates it, the last to {@link #release} it closes it.
 *
 * @param <T> the shared value; callers guard its own state (synchronizing on it)
 */
final class FolderShared<T> {
    /** Creates a folder's value. */
    @FunctionalInterface
    interface Opener<T> {
        T open(Path folder) throws IOException;
    }

    /** Runs when the last instance of a folder releases its value. */
    @FunctionalInterface
    interface Closer<T> {
        void close(T value) throws IOException;
    }

    private static final class Entry<T> {
        private final T value;
        private int users;

        Entry(T value) {
            this.value = value;
        }
    }

    private final Map<Path, Entry<T>> entries = new HashMap<>();

    /** The value of {@code folder} (absolute and normalised here), opened when no instance holds it yet. */
    synchronized T acquire(Path folder, Opener<T> opener) throws IOException {
        Path key = key(folder);
        Entry<T> entry = entries.get(key);
        if (entry == null) {
            entry = new Entry<>(opener.open(key));
            entries.put(key, entry);
        }
        entry.users++;
        return entry.value;
    }

    /** The value of {@code folder} while some instance holds it, else null. */
    synchronized T find(Path folder) {
        Entry<T> entry = entries.get(key(folder));
        return entry == null ? null : entry.value;
    }

    /** Gives back one instance's hold on {@code folder}'s value (one that needs no closing). */
    synchronized void release(Path folder) {
        entries.computeIfPresent(key(folder), (key, entry) -> --entry.users == 0 ? null : entry);
    }

    /** Gives back one instance's hold on {@code folder}'s value; the last one closes it. */
    synchronized void release(Path folder, Closer<T> closer) throws IOException {
        Path key = key(folder);
        Entry<T> entry = entries.get(key);
        if (entry != null && --entry.users == 0) {
            entries.remove(key);
            closer.close(entry.value);
        }
    }

    private static Path key(Path folder) {
        return folder.toAbsolutePath().normalize();
    }
}
