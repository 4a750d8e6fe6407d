package dev.execray.scan;

import dev.execray.hardening.Hardening;
import dev.execray.hardening.Relro;
import dev.execray.place.RootFacts;
import java.util.ArrayList;
import java.util.List;

/**
 * A --fail-on policy: comma-separated rules, each failing the scan (exit 1) when a file breaks it.
 * <ul>
 * <li>{@code fails}: a program fails on some place;</li>
 * <li>{@code hardening:relro<full} (or {@code <partial}), {@code hardening:canary}, {@code hardening:nx},
 *     {@code hardening:pie}, {@code hardening:fortify}, {@code hardening:cet}: an ELF file lacks it;</li>
 * <li>{@code glibc>X.Y}: a file needs a glibc newer than X.Y;</li>
 * <li>{@code regression}: the diff against --baseline has a regression.</li>
 * </ul>
 */
public record Policy(List<String> rules) {

    public record Finding(String rule, String path, String message) {
    }

    public Policy {
        rules = List.copyOf(rules);
    }

    /** @throws IllegalArgumentException for a rule not in the list above */
    public static Policy parse(String text) {
        List<String> rules = new ArrayList<>();
        for (String r : text.split(",")) {
            String s = r.strip();
            if (s.isEmpty()) {
                continue;
            }
            if (!(s.equals("fails") || s.equals("regression") || s.matches("glibc>\\d+(\\.\\d+)*")
                    || s.matches("hardening:(relro<(full|partial)|canary|nx|pie|fortify|cet)"))) {
                throw new IllegalArgumentException("unknown --fail-on rule '" + s + "' (rules: fails, regression, "
                        + "glibc>X.Y, hardening:relro<full, hardening:relro<partial, hardening:canary, hardening:nx, "
                        + "hardening:pie, hardening:fortify, hardening:cet)");
            }
            rules.add(s);
        }
        return new Policy(rules);
    }

    static String describe(String rule) {
        if (rule.equals("fails")) {
            return "A program would not start in a place";
        }
        if (rule.equals("regression")) {
            return "A change against the baseline scan made things worse";
        }
        if (rule.startsWith("glibc>")) {
            return "A file needs a glibc newer than " + rule.substring(6);
        }
        return "A file lacks the mitigation " + rule.substring("hardening:".length());
    }

    public List<Finding> check(List<InputResult> inputs, List<ScanDiff.Change> baselineChanges) {
        List<Finding> out = new ArrayList<>();
        for (String rule : rules) {
            if (rule.equals("regression")) {
                for (ScanDiff.Change c : baselineChanges) {
                    if (c.regression()) {
                        out.add(new Finding(rule, c.path(), c.text()));
                    }
                }
                continue;
            }
            for (InputResult r : inputs) {
                for (FileRecord f : r.files()) {
                    check(rule, f).ifPresent(out::add);
                }
            }
        }
        return out;
    }

    private static java.util.Optional<Finding> check(String rule, FileRecord f) {
        if (rule.equals("fails")) {
            return f.verdicts().stream().filter(VerdictRecord::fails).findFirst()
                    .map(v -> new Finding(rule, f.path(), f.path() + " would not start on " + v.place() + ": " + v.reason()));
        }
        if (rule.startsWith("glibc>")) {
            String max = rule.substring(6);
            return f.glibc().filter(g -> RootFacts.compareVersions(g, max) > 0)
                    .map(g -> new Finding(rule, f.path(), f.path() + " needs glibc " + g + " (policy: at most " + max + ")"));
        }
        if (!(f.hardening().orElse(null) instanceof Hardening.Elf e) || f.type().equals("REL")) {
            return java.util.Optional.empty();
        }
        String what = rule.substring("hardening:".length());
        boolean bad = switch (what) {
            case "relro<full" -> e.relro() != Relro.FULL;
            case "relro<partial" -> e.relro() == Relro.NONE;
            case "canary" -> !e.canary();
            case "nx" -> !e.nx();
            case "pie" -> e.pie() == dev.execray.hardening.Pie.NO;
            case "fortify" -> !e.fortify().any() && e.fortify().unchecked() > 0;
            case "cet" -> !(e.ibt() && e.shstk());
            default -> false;
        };
        return bad ? java.util.Optional.of(new Finding(rule, f.path(), f.path() + ": " + describe(rule).toLowerCase()
                .replace("a file lacks", "lacks"))) : java.util.Optional.empty();
    }
}
