/**
 * Renderers: text (readelf-like tables, explanations) and JSON documents (one framing, docs/json-schema.md) of
 * what the stages found. Formats only: computes nothing that a stage should know.
 */
package dev.execray.report;
