/**
 * The {@code ./jnrf} command line: one picocli class per subcommand, listed in {@link org.jnrf.cli.JnrfCommand}, and
 * the argument checks, progress and failure messages they share. A new command goes here and into JnrfCommand's
 * subcommands. May import every org.jnrf package; nothing imports it.
 */
package org.jnrf.cli;
