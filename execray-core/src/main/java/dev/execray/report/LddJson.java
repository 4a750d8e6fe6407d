package dev.execray.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.execray.exec.ld.DynamicLoaderStage;
import dev.execray.exec.ld.LoadOutcome;
import dev.execray.exec.ld.LoadResult;
import dev.execray.exec.ld.LoadedObject;
import dev.execray.exec.ld.LoaderMessage;
import java.util.Optional;

/** The JSON of {@code execray ldd}: the same facts as the text, one object per program. */
public final class LddJson {
    private LddJson() {
    }

    public static ObjectNode of(String file, DynamicLoaderStage.Result result) {
        ObjectNode o = JsonValues.NODES.objectNode();
        o.put("file", file);
        if (result instanceof DynamicLoaderStage.NotDynamic nd) {
            o.put("dynamic", false);
            o.put("message", nd.message());
            return o;
        }
        if (result instanceof DynamicLoaderStage.Unloadable u) {
            // the error object every command writes where a result would be (InputError's shape)
            o.putObject("error").put("message", u.message());
            return o;
        }
        DynamicLoaderStage.Loaded l = (DynamicLoaderStage.Loaded) result;
        LoadResult r = l.result();
        o.put("dynamic", true);
        o.set("loader", loader(l.setup()));
        o.set("outcome", outcome(r.outcome()));
        r.newestGlibc().ifPresent(n -> o.set("newestGlibc", newest(n)));
        r.newestGlibcInClosure().ifPresent(n -> o.set("newestGlibcInClosure", newest(n)));
        ArrayNode objects = o.putArray("objects");
        for (LoadedObject lo : r.listing()) {
            objects.add(object(lo));
        }
        ArrayNode messages = o.putArray("messages");
        for (LoaderMessage m : r.messages()) {
            ObjectNode mn = messages.addObject();
            mn.put("kind", m.kind().name().toLowerCase());
            mn.put("fatal", m.fatal());
            mn.put("line", m.line());
        }
        o.set("notes", JsonValues.strings(r.notes()));
        o.set("lddLines", JsonValues.strings(LddText.lddLines(r)));
        return o;
    }

    private static ObjectNode loader(DynamicLoaderStage.LoaderSetup s) {
        ObjectNode n = JsonValues.NODES.objectNode();
        n.put("flavour", s.flavour().name().toLowerCase());
        n.put("arch", s.arch().name().toLowerCase());
        n.put("interpreter", s.interpreter());
        n.put("interpreterFound", s.probe().flavour() != dev.execray.place.ldconfig.InterpreterProbe.Flavour.MISSING);
        s.probe().glibcVersion().ifPresent(v -> n.put("glibcVersion", v.toString()));
        s.probe().muslVersion().ifPresent(v -> n.put("muslVersion", v));
        s.glibcFacts().ifPresent(f -> {
            n.set("defaultDirectories", JsonValues.strings(f.systemDirs()));
            n.put("lib", f.dstLib());
            f.cpu().platform().ifPresent(p -> n.put("platform", p));
            n.set("hwcapsSubdirectories", JsonValues.strings(f.hwcapsSubdirs()));
            n.put("cache", f.cachePath());
            n.set("sources", JsonValues.strings(f.sources()));
        });
        s.cacheProblem().ifPresent(p -> n.put("cacheProblem", p));
        n.set("notes", JsonValues.strings(s.notes()));
        return n;
    }

    private static ObjectNode outcome(LoadOutcome out) {
        ObjectNode n = JsonValues.NODES.objectNode();
        if (out instanceof LoadOutcome.Starts) {
            n.put("kind", "starts");
        } else if (out instanceof LoadOutcome.FailsAtStart f) {
            n.put("kind", "fails-at-start");
            n.put("exitStatus", f.exitStatus());
            n.set("lines", JsonValues.strings(f.lines()));
        } else if (out instanceof LoadOutcome.FailsAtFirstCall f) {
            n.put("kind", "fails-at-first-call");
            n.put("exitStatus", 127);
            n.set("lines", JsonValues.strings(f.lines()));
        }
        return n;
    }

    private static ObjectNode newest(LoadResult.NewestVersion v) {
        ObjectNode n = JsonValues.NODES.objectNode();
        n.put("version", v.version().toString());
        n.put("versionName", v.versionName());
        n.put("requiredBy", v.requiredBy());
        v.symbol().ifPresent(s -> n.put("symbol", s));
        return n;
    }

    private static ObjectNode object(LoadedObject lo) {
        ObjectNode n = JsonValues.NODES.objectNode();
        n.put("id", lo.id());
        n.put("kind", lo.kind().name().toLowerCase().replace('_', '-'));
        n.put("name", lo.name());
        if (lo.kind() != LoadedObject.Kind.NOT_FOUND && lo.kind() != LoadedObject.Kind.VDSO) {
            n.put("path", lo.path());
        }
        lo.canonical().ifPresent(c -> n.put("canonical", c));
        lo.loader().ifPresent(p -> n.put("neededBy", p.id()));
        lo.how().ifPresent(h -> {
            ObjectNode hn = n.putObject("foundBy");
            hn.put("rule", h.source().label());
            hn.put("element", h.element());
            h.owner().ifPresent(w -> hn.put("of", w));
            ArrayNode tried = hn.putArray("tried");
            for (LoadedObject.Attempt a : h.attempts()) {
                ObjectNode an = tried.addObject();
                an.put("path", a.path());
                an.put("outcome", a.outcome());
            }
        });
        if (!lo.dependencies().isEmpty()) {
            ArrayNode deps = n.putArray("needed");
            for (LoadedObject.Dependency d : lo.dependencies()) {
                ObjectNode dn = deps.addObject();
                dn.put("name", d.needed());
                if (!d.requested().equals(d.needed())) {
                    dn.put("expanded", d.requested());
                }
                LoadedObject.Resolution res = d.resolution();
                if (res instanceof LoadedObject.Loaded l) {
                    dn.put("resolution", "loaded");
                    dn.put("object", l.object().id());
                } else if (res instanceof LoadedObject.AlreadyLoaded a) {
                    dn.put("resolution", "already-loaded");
                    dn.put("object", a.object().id());
                    dn.put("matchedBy", a.matchedBy());
                } else if (res instanceof LoadedObject.NotFound nf) {
                    dn.put("resolution", "not-found");
                    dn.put("message", nf.message());
                    ArrayNode tried = dn.putArray("tried");
                    nf.attempts().forEach(a -> tried.addObject().put("path", a.path()).put("outcome", a.outcome()));
                } else if (res instanceof LoadedObject.Fatal f) {
                    dn.put("resolution", "error");
                    dn.put("message", f.message());
                } else if (res instanceof LoadedObject.Skipped s) {
                    dn.put("resolution", "skipped");
                    dn.put("message", s.reason());
                }
            }
        }
        Optional.ofNullable(lo.object().map(o -> o.problems()).orElse(null)).filter(p -> !p.isEmpty())
                .ifPresent(p -> n.set("problems", JsonValues.strings(p)));
        return n;
    }
}
