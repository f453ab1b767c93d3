/**
 * The {@code dropclass} command line: one thin command class per subcommand, each parsing its
 * options, resolving the configuration and calling one library entry point. The only package that
 * prints or exits.
 */
package io.dropclass.cli;
