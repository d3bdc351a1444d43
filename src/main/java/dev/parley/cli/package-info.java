/** The command line: {@code serve}, {@code migrate} and the operator commands (picocli). */
package dev.parley.cli;
