package org.jnrf.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code ./jnrf --help} names every job, including those the launcher runs outside this command line. */
class JnrfCommandTest extends CliTestSupport {
    @Test
    void helpListsTheCommandsTheLauncherRunsItself() throws Exception {
        assertEquals(0, run("--help"));
        String help = out.toString();
        Matcher launched = Pattern.compile("\"\\$\\{1:-}\" = \"([a-z-]+)\"")
                .matcher(Files.readString(Path.of("jnrf")));
        int found = 0;
        while (launched.find()) {
            found++;
            assertTrue(help.contains("  " + launched.group(1) + " "), launched.group(1) + " in:\n" + help);
        }
        assertEquals(1, found, "the launcher's own commands (spark-annotate)");
        for (String command : new String[] {"annotate", "train", "ensemble", "evaluate", "bench"}) {
            assertTrue(help.contains("  " + command + " "), command);
        }
    }
}
