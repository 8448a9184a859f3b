package org.jnrf.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelArchiveFormatTest {
    @Test
    void modelsGetThePermissionsTheUmaskGivesAnyNewFile(@TempDir Path dir) throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Set<PosixFilePermission> expected = Files.getPosixFilePermissions(Files.createFile(dir.resolve("ordinary")));
        // the test only tells something when the umask leaves more than the owner's rights
        assumeTrue(expected.contains(PosixFilePermission.GROUP_READ), "umask " + expected);

        JnrfModel model = JnrfModelTest.randomModel(3);
        Path file = dir.resolve("models/model.zip"); // models and training checkpoints are written the same way
        ModelArchiveFormat.save(file, model.config(), model.vocabulary(), model.memberWeights(), Map.of(), Set.of());
        assertEquals(expected, Files.getPosixFilePermissions(file));
        try (var files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList(), "the folder is made and no temporary file is left");
        }
    }

    @Test
    void membersAreStoredAsWeightsThenWeightsTwoAndSoOn() {
        assertEquals("weights.bin", ModelArchiveFormat.weightsEntry(0));
        assertEquals("weights-2.bin", ModelArchiveFormat.weightsEntry(1));
        assertEquals("weights-10.bin", ModelArchiveFormat.weightsEntry(9));
    }
}
