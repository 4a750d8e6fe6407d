package dev.execray.binary.elf;

import java.util.List;
import java.util.Optional;

/**
 * The notes of one SHT_NOTE section, or of one PT_NOTE segment when the file has no note sections
 * (or is a core dump), as readelf groups them.
 */
public record NoteGroup(Optional<SectionHeader> section, long offset, long length, List<Note> notes) {
}
