package dev.execray.runtime.maps;

import java.util.Optional;

/**
 * A mapping with what it belongs to: the object (file path, [pseudo] name, or "[anon]") and, for ELF
 * files, the PT_LOAD program header its bytes come from. {@code role} says how: "PT_LOAD", "PT_LOAD,
 * RELRO (made read-only after relocation)", ".bss (anonymous zero pages past the file bytes)", or why
 * there is no segment.
 */
public record AttributedMapping(Mapping mapping, String object, Optional<LoadSegment> segment, String role) {
}
