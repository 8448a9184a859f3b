package org.jnrf;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The package layout of docs/architecture.md holds: every package under src/main/java has a package-info.java, and
 * no two packages depend on each other, directly or through others (a dependency is an import or a fully qualified
 * name in the source).
 */
class PackageDependenciesTest {
    private static final Path SOURCES = Path.of("src", "main", "java");
    private static final Pattern REFERENCE = Pattern.compile("\\b(org\\.jnrf(?:\\.[a-z]\\w*)+)\\.(?:[A-Z]\\w*|\\*)");

    @Test
    void everyPackageSaysWhatLivesThere() throws IOException {
        for (String p : dependencies().keySet()) {
            assertTrue(Files.exists(SOURCES.resolve(p.replace('.', '/')).resolve("package-info.java")),
                    p + " has no package-info.java");
        }
    }

    @Test
    void packagesFormNoCycle() throws IOException {
        Map<String, Set<String>> deps = dependencies();
        List<String> cycles = new ArrayList<>();
        for (String p : deps.keySet()) {
            List<String> path = pathBack(p, deps);
            if (path != null) {
                cycles.add(String.join(" -> ", path));
            }
        }
        assertEquals(List.of(), cycles);
    }

    /** A dependency path from p back to p, or null. */
    private static List<String> pathBack(String p, Map<String, Set<String>> deps) {
        List<List<String>> queue = new ArrayList<>();
        queue.add(List.of(p));
        Set<String> seen = new TreeSet<>();
        for (int i = 0; i < queue.size(); i++) {
            List<String> path = queue.get(i);
            for (String next : deps.get(path.get(path.size() - 1))) {
                List<String> longer = new ArrayList<>(path);
                longer.add(next);
                if (next.equals(p)) {
                    return longer;
                }
                if (seen.add(next)) {
                    queue.add(longer);
                }
            }
        }
        return null;
    }

    /** Package -> the other org.jnrf packages of src/main/java its sources name. */
    private static Map<String, Set<String>> dependencies() throws IOException {
        Map<String, Set<String>> deps = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(SOURCES)) {
            files = walk.filter(f -> f.toString().endsWith(".java")).toList();
        }
        for (Path f : files) {
            deps.putIfAbsent(packageOf(f), new TreeSet<>());
        }
        for (Path f : files) {
            String p = packageOf(f);
            Matcher m = REFERENCE.matcher(Files.readString(f));
            while (m.find()) {
                String q = m.group(1);
                if (!q.equals(p) && deps.containsKey(q)) {
                    deps.get(p).add(q);
                }
            }
        }
        return deps;
    }

    private static String packageOf(Path file) {
        return SOURCES.relativize(file.getParent()).toString().replace(file.getFileSystem().getSeparator(), ".");
    }
}
