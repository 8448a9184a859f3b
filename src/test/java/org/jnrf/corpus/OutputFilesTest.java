package org.jnrf.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFilesTest {
    @Test
    void outputsGetThePermissionsTheUmaskGivesAnyNewFile(@TempDir Path dir) throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path ordinary = Files.createFile(dir.resolve("ordinary"));
        Set<PosixFilePermission> expected = Files.getPosixFilePermissions(ordinary);
        // the test only tells something when the umask leaves more than the owner's rights
        assumeTrue(expected.contains(PosixFilePermission.GROUP_READ), "umask " + expected);

        Path written = dir.resolve("n.ann");
        OutputFiles.writeAtomically(written, "T1\tDrug 0 1\tx\n");
        assertEquals(expected, Files.getPosixFilePermissions(written));
    }

    @Test
    void aNameNearTheFileSystemLimitIsWrittenAndNoTemporaryFileIsLeft(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("L".repeat(246) + ".ann"); // 250 bytes: the output may have it, a longer temp name not
        OutputFiles.writeAtomically(file, "content");
        assertEquals("content", Files.readString(file));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }
}
