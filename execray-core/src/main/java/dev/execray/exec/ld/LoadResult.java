package dev.execray.exec.ld;

import dev.execray.place.ldconfig.GlibcVersion;
import java.util.List;
import java.util.Optional;

/**
 * Everything one load produced: the objects in the order the loader lists them ({@code ldd}'s order, with
 * placeholders for names not found), the messages the loader prints, the outcome of a real start, the
 * newest glibc version the program requires, and which libc the loader belongs to.
 *
 * @param listing          every object in ldd order, the program first
 * @param messages         in the order the loader prints them
 * @param newestGlibc      the newest {@code GLIBC_x.y} the program itself requires, and one symbol needing it
 * @param newestGlibcInClosure the newest {@code GLIBC_x.y} any loaded object requires
 * @param notes            facts about this load worth showing (cache ignored, loader facts used)
 */
public record LoadResult(Flavour flavour, String interpreter, List<LoadedObject> listing,
                         List<LoaderMessage> messages, LoadOutcome outcome, Optional<NewestVersion> newestGlibc,
                         Optional<NewestVersion> newestGlibcInClosure, List<String> notes) {

    public enum Flavour { GLIBC, MUSL }

    /** A glibc version, the object requiring it and (where known) a symbol bound to it. */
    public record NewestVersion(GlibcVersion version, String versionName, String requiredBy,
                                Optional<String> symbol) {
    }

    public LoadResult {
        listing = List.copyOf(listing);
        messages = List.copyOf(messages);
        notes = List.copyOf(notes);
    }

    public LoadedObject program() {
        return listing.get(0);
    }

    /** Whether any DT_NEEDED name was not found or stopped the loader. */
    public boolean anythingMissing() {
        return messages.stream().anyMatch(m -> m.kind() == LoaderMessage.Kind.NOT_FOUND
                || m.kind() == LoaderMessage.Kind.LOAD_ERROR);
    }

    /** Objects actually loaded (no placeholders, no vDSO), in load order. */
    public List<LoadedObject> loaded() {
        return listing.stream().filter(o -> o.kind() != LoadedObject.Kind.NOT_FOUND
                && o.kind() != LoadedObject.Kind.VDSO).toList();
    }
}
