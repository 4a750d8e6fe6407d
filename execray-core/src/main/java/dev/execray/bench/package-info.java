/**
 * Start-up latency benchmarks: the one package that runs programs (its job), with statistics as hyperfine
 * computes them and a breakdown of where start-up time goes.
 */
package dev.execray.bench;
