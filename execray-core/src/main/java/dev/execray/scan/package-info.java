/**
 * Whole trees and images in one pass: identity, owning packages, library resolutions, verdicts, Go modules,
 * hardening, SBOMs, policies and differences between scans; the rows the store and the fleet job keep.
 */
package dev.execray.scan;
