/**
 * Verdicts and what explains them: causes, facts, runs / fails / depends, messages as the real tools print them
 * and fixes. The vocabulary every stage answers in.
 */
package dev.execray.exec.verdict;
