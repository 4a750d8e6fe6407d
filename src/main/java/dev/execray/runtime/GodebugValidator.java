package dev.execray.runtime;

import java.util.List;

/**
 * Checks a GODEBUG string before a program runs with it. The seam for the GODEBUG catalogue (package
 * dev.execray.golang, branch "golang"): until it is merged, {@link #standard()} checks the syntax
 * only; once it is, standard() should return a validator that also knows every key, its values and
 * the Go releases that read it, and {@link SyntaxGodebugValidator} stays the first step.
 */
public interface GodebugValidator {
    List<GodebugProblem> validate(String godebug);

    /** The validator capture uses. Syntax only for now: see the class comment. */
    static GodebugValidator standard() {
        return new SyntaxGodebugValidator();
    }
}
