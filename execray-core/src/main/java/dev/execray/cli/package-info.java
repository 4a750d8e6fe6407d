/**
 * The command line: parses options, calls one service, picks a renderer; exit codes (README, "Exit codes").
 */
package dev.execray.cli;
