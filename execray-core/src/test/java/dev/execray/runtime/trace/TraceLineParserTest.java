package dev.execray.runtime.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.execray.runtime.trace.TraceEvent.GcCycle;
import dev.execray.runtime.trace.TraceEvent.LegacyForcedScavenge;
import dev.execray.runtime.trace.TraceEvent.PacerCycleEnd;
import dev.execray.runtime.trace.TraceEvent.PacerCycleStart;
import dev.execray.runtime.trace.TraceEvent.PacerLegacyCycleEnd;
import dev.execray.runtime.trace.TraceEvent.PacerSweepDone;
import dev.execray.runtime.trace.TraceEvent.PackageInit;
import dev.execray.runtime.trace.TraceEvent.Scavenge;
import dev.execray.runtime.trace.TraceEvent.SchedGoroutine;
import dev.execray.runtime.trace.TraceEvent.SchedProc;
import dev.execray.runtime.trace.TraceEvent.SchedSummary;
import dev.execray.runtime.trace.TraceEvent.SchedThread;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Lines written from the print statements of each release's source (Debian golang-1.x-src: go1.15,
 * go1.19, go1.21 to go1.27; go1.13's mheap.go for "forced scvg"). The release each line stands for is
 * in the test's name.
 */
class TraceLineParserTest {
    private final TraceLineParser parser = new TraceLineParser();

    private TraceEvent event(String line) {
        TraceLineParser.Result r = parser.parse(line);
        assertThat(r).as(line).isInstanceOf(TraceLineParser.Event.class);
        return ((TraceLineParser.Event) r).event();
    }

    @Nested
    class Gctrace {
        @Test
        void go1_15_lineHasNoStacksOrGlobals() {
            GcCycle g = (GcCycle) event("gc 12 @3.456s 2%: 0.018+1.2+0.004 ms clock, 0.073+0.35/1.1/2.4+0.018 ms cpu, "
                    + "4->4->1 MB, 5 MB goal, 4 P");
            assertThat(g.format()).isEqualTo(LineFormat.GC_WITHOUT_STACKS);
            assertThat(g.number()).isEqualTo(12);
            assertThat(g.startMillis()).isEqualTo(3456);
            assertThat(g.cpuPercent()).isEqualTo(2);
            assertThat(List.of(g.sweepTermClockMicros(), g.markClockMicros(), g.markTermClockMicros())).containsExactly(18L, 1200L, 4L);
            assertThat(List.of(g.sweepTermCpuMicros(), g.assistCpuMicros(), g.backgroundCpuMicros(), g.idleCpuMicros(),
                    g.markTermCpuMicros())).containsExactly(73L, 350L, 1100L, 2400L, 18L);
            assertThat(List.of(g.heapStartMB(), g.heapEndMB(), g.heapLiveMB(), g.heapGoalMB())).containsExactly(4L, 4L, 1L, 5L);
            assertThat(g.stacksMB()).isEmpty();
            assertThat(g.globalsMB()).isEmpty();
            assertThat(g.procs()).isEqualTo(4);
            assertThat(g.forced()).isFalse();
            assertThat(g.stopTheWorldMicros()).isEqualTo(22);
            assertThat(g.gcCpuMicros()).as("idle marking is free, as the runtime counts it").isEqualTo(73 + 350 + 1100 + 18);
        }

        @Test
        void go1_19_lineWithStacksGlobalsAndForced() {
            GcCycle g = (GcCycle) event("gc 2 @0.380s 18%: 0.040+111+0.004 ms clock, 0.32+0/221/663+0.034 ms cpu, "
                    + "1525->1525->1525 MB, 3052 MB goal, 66 MB stacks, 1 MB globals, 8 P (forced)");
            assertThat(g.format()).isEqualTo(LineFormat.GC_WITH_STACKS);
            assertThat(g.markClockMicros()).as("10 ms and more print as whole ms").isEqualTo(111_000);
            assertThat(g.assistCpuMicros()).isZero();
            assertThat(g.stacksMB()).hasValue(66);
            assertThat(g.globalsMB()).hasValue(1);
            assertThat(g.forced()).isTrue();
        }

        @Test
        void go1_26_lineWithGoroutineLeakCheck() {
            GcCycle g = (GcCycle) event("gc 9 @12.004s 1% (checking for goroutine leaks): 0.031+2.1+0.027 ms clock, "
                    + "0.12+0.10/4.0/0.5+0.10 ms cpu, 8->8->3 MB, 9 MB goal, 0 MB stacks, 0 MB globals, 4 P (forced)");
            assertThat(g.format()).isEqualTo(LineFormat.GC_WITH_LEAK_CHECK);
            assertThat(g.goroutineLeakCheck()).isTrue();
            assertThat(g.backgroundCpuMicros()).isEqualTo(4000);
        }

        @Test
        void sysmonForcedLine() {
            assertThat(event("GC forced").format()).isEqualTo(LineFormat.GC_FORCED_BY_SYSMON);
        }

        @Test
        void aTruncatedGcLineIsUnreadableWithTheColumn() {
            TraceLineParser.Result r = parser.parse("gc 3 @0.012s 16%: 0.083+1.8+0.027 ms clock, 0.16+0/0.25/0.24+0.055 ms cpu, 3->5");
            assertThat(r).isInstanceOf(TraceLineParser.Unreadable.class);
            assertThat(((TraceLineParser.Unreadable) r).column()).isEqualTo(80); // just past "3->5", where "->" should follow
            assertThat(((TraceLineParser.Unreadable) r).expected()).isEqualTo("\"->\"");
        }

        @Test
        void moreDecimalsThanTheRuntimePrintsIsNotTheFormat() {
            assertThat(parser.parse("gc 3 @0.0123s 16%: 0.083+1.8+0.027 ms clock, 0.16+0/0.25/0.24+0.055 ms cpu, 3->5->5 MB, "
                    + "4 MB goal, 4 P")).isInstanceOf(TraceLineParser.Unreadable.class);
        }
    }

    @Nested
    class Scavenger {
        @Test
        void go1_15_withGeneration() {
            Scavenge s = (Scavenge) event("scav 3 1024 KiB work, 2048 KiB total, 95% util");
            assertThat(s.format()).isEqualTo(LineFormat.SCAV_WITH_GENERATION);
            assertThat(s.generation()).hasValue(3);
            assertThat(s.workKiB()).isEqualTo(1024);
            assertThat(s.releasedKiB()).isEqualTo(2048);
            assertThat(s.utilPercent()).isEqualTo(95);
        }

        @Test
        void go1_18_withGenerationAndControllerReset() {
            Scavenge s = (Scavenge) event("scav 7 64 KiB work, 4096 KiB total, 88% util [controller reset]");
            assertThat(s.generation()).hasValue(7);
            assertThat(s.controllerReset()).isTrue();
        }

        @Test
        void go1_19_workAndTotal() {
            Scavenge s = (Scavenge) event("scav 0 KiB work, 3184 KiB total, 53% util");
            assertThat(s.format()).isEqualTo(LineFormat.SCAV_WORK_TOTAL);
            assertThat(s.generation()).isEmpty();
            assertThat(s.workKiB()).isZero();
            assertThat(s.releasedKiB()).isEqualTo(3184);
            Scavenge f = (Scavenge) event("scav 16312 KiB work, 220584 KiB total, 92% util (forced)");
            assertThat(f.forced()).isTrue();
        }

        @Test
        void go1_21_backgroundAndEager() {
            Scavenge s = (Scavenge) event("scav 1024 KiB work (bg), 512 KiB work (eager), 65536 KiB now, 97% util");
            assertThat(s.format()).isEqualTo(LineFormat.SCAV_BG_EAGER);
            assertThat(s.workKiB()).isEqualTo(1024);
            assertThat(s.eagerWorkKiB()).hasValue(512);
            assertThat(s.releasedKiB()).isEqualTo(65536);
        }

        @Test
        void go1_13_forcedScvgLines() {
            LegacyForcedScavenge a = (LegacyForcedScavenge) event("forced scvg: 12 MB released");
            assertThat(a.releasedMB()).hasValue(12);
            LegacyForcedScavenge b = (LegacyForcedScavenge) event(
                    "forced scvg: inuse: 3, idle: 60, sys: 63, released: 60, consumed: 3 (MB)");
            assertThat(List.of(b.inuseMB(), b.idleMB(), b.sysMB(), b.heapReleasedMB(), b.consumedMB())).containsExactly(
                    OptionalLong.of(3), OptionalLong.of(60), OptionalLong.of(63), OptionalLong.of(60), OptionalLong.of(3));
        }
    }

    @Nested
    class Pacer {
        @Test
        void go1_19_startWithRuntimeFloats() {
            PacerCycleStart p = (PacerCycleStart) event("pacer: assist ratio=+1.823568e+000 (scan 0 MB in 3->4 MB) workers=0++2.500000e-001");
            assertThat(p.floats()).isEqualTo(FloatStyle.RUNTIME_EXPONENT);
            assertThat(p.assistRatio()).isEqualTo(1.823568);
            assertThat(p.initialHeapLiveMB()).isEqualTo(3);
            assertThat(p.heapGoalMB()).isEqualTo(4);
            assertThat(p.dedicatedWorkers()).isZero();
            assertThat(p.fractionalUtilizationGoal()).isEqualTo(0.25);
        }

        @Test
        void go1_26_startWithShortestFloats() {
            PacerCycleStart p = (PacerCycleStart) event("pacer: assist ratio=1.823568 (scan 0 MB in 3->4 MB) workers=0+0.25");
            assertThat(p.floats()).isEqualTo(FloatStyle.SHORTEST);
            assertThat(p.assistRatio()).isEqualTo(1.823568);
            assertThat(p.fractionalUtilizationGoal()).isEqualTo(0.25);
        }

        @Test
        void go1_19_endWithNegativeGoalDeltaAndControllerReset() {
            PacerCycleEnd p = (PacerCycleEnd) event("pacer: 26% CPU (25 exp.) for 44376+25592+224080 B work (293832 B exp.) in "
                    + "3361097 B -> 3432480 B (\u2206goal -761824, cons/mark +1.490523e+000)[controller reset]");
            assertThat(p.utilizationPercent()).isEqualTo(26);
            assertThat(p.goalUtilizationPercent()).isEqualTo(25);
            assertThat(List.of(p.heapScanWorkBytes(), p.stackScanWorkBytes(), p.globalsScanWorkBytes())).containsExactly(
                    44376L, 25592L, 224080L);
            assertThat(p.expectedWorkBytes()).isEqualTo(293832);
            assertThat(p.triggerBytes()).isEqualTo(3361097);
            assertThat(p.heapLiveBytes()).isEqualTo(3432480);
            assertThat(p.goalDeltaBytes()).isEqualTo(-761824);
            assertThat(p.consMark()).isEqualTo(1.490523);
            assertThat(p.controllerReset()).isTrue();
        }

        @Test
        void go1_15_endInTheDesignDocsTerms() {
            PacerLegacyCycleEnd p = (PacerLegacyCycleEnd) event("pacer: H_m_prev=4194304 h_t=+8.750000e-001 H_T=7864320 "
                    + "h_a=+9.123457e-001 H_a=8020000 h_g=+1.000000e+000 H_g=8388608 u_a=+2.843750e-001 u_g=+3.000000e-001 "
                    + "W_a=312345 goal\u0394=+1.250000e-001 actual\u0394=+3.734568e-002 u_a/u_g=+9.479167e-001");
            assertThat(p.heapMarkedPrev()).isEqualTo(4194304);
            assertThat(p.triggerRatio()).isEqualTo(0.875);
            assertThat(p.goalBytes()).isEqualTo(8388608);
            assertThat(p.scanWork()).isEqualTo(312345);
            assertThat(p.utilizationRatio()).isEqualTo(0.9479167);
        }

        @Test
        void sweepDone() {
            PacerSweepDone p = (PacerSweepDone) event("pacer: sweep done at heap size 4MB; allocated 0MB during sweep; swept 412 "
                    + "pages at +1.262573e-004 pages/byte");
            assertThat(p.heapMB()).isEqualTo(4);
            assertThat(p.pagesSwept()).isEqualTo(412);
            assertThat(p.pagesPerByte()).isEqualTo(1.262573e-4);
        }

        @Test
        void specialFloats() {
            PacerCycleStart p = (PacerCycleStart) event("pacer: assist ratio=+Inf (scan 0 MB in 3->4 MB) workers=1+NaN");
            assertThat(p.assistRatio()).isInfinite();
            assertThat(p.fractionalUtilizationGoal()).isNaN();
        }
    }

    @Nested
    class Schedtrace {
        @Test
        void go1_15_summary() {
            SchedSummary s = (SchedSummary) event("SCHED 1004ms: gomaxprocs=8 idleprocs=6 threads=12 spinningthreads=1 "
                    + "idlethreads=4 runqueue=0 [0 1 0 0 0 0 0 9]");
            assertThat(s.format()).isEqualTo(LineFormat.SCHED_WITHOUT_NEEDSPINNING);
            assertThat(s.millis()).isEqualTo(1004);
            assertThat(s.gomaxprocs()).isEqualTo(8);
            assertThat(s.idleProcs()).isEqualTo(6);
            assertThat(s.threads()).isEqualTo(12);
            assertThat(s.spinningThreads()).isEqualTo(1);
            assertThat(s.needSpinning()).isEqualTo(OptionalInt.empty());
            assertThat(s.idleThreads()).isEqualTo(4);
            assertThat(s.localRunQueues()).containsExactly(0, 1, 0, 0, 0, 0, 0, 9);
            assertThat(s.detail()).isEmpty();
        }

        @Test
        void go1_21_summaryWithNeedSpinning() {
            SchedSummary s = (SchedSummary) event("SCHED 1004ms: gomaxprocs=4 idleprocs=2 threads=9 spinningthreads=1 "
                    + "needspinning=0 idlethreads=3 runqueue=5 [0 1 2 0]");
            assertThat(s.format()).isEqualTo(LineFormat.SCHED_WITH_NEEDSPINNING);
            assertThat(s.needSpinning()).hasValue(0);
            assertThat(s.globalRunQueue()).isEqualTo(5);
        }

        @Test
        void go1_25_summaryWithSpacedBracketsAndSchedticks() {
            SchedSummary s = (SchedSummary) event("SCHED 2001ms: gomaxprocs=4 idleprocs=3 threads=7 spinningthreads=0 "
                    + "needspinning=0 idlethreads=3 runqueue=0 [ 0 0 3 0 ] schedticks=[ 12 40 7 3 ]");
            assertThat(s.format()).isEqualTo(LineFormat.SCHED_WITH_SCHEDTICKS);
            assertThat(s.localRunQueues()).containsExactly(0, 0, 3, 0);
            assertThat(s.schedTicks()).containsExactly(12L, 40L, 7L, 3L);
        }

        @Test
        void go1_19_detailLines() {
            SchedSummary s = (SchedSummary) event("SCHED 0ms: gomaxprocs=2 idleprocs=1 threads=4 spinningthreads=0 idlethreads=2 "
                    + "runqueue=0 gcwaiting=0 nmidlelocked=-1 stopwait=0 sysmonwait=0");
            assertThat(s.detail()).hasValueSatisfying(d -> {
                assertThat(d.gcWaiting()).isFalse();
                assertThat(d.nmIdleLocked()).isEqualTo(-1);
            });
            SchedProc p = (SchedProc) event("  P1: status=1 schedtick=575 syscalltick=4 m=3 runqsize=1 gfreecnt=0 timerslen=0");
            assertThat(p.id()).isEqualTo(1);
            assertThat(p.procStatus()).isEqualTo(ProcStatus.RUNNING);
            assertThat(p.m()).hasValue(3);
            assertThat(p.runQueue()).isEqualTo(1);
            assertThat(p.ids()).isEqualTo(IdStyle.UNDETERMINED);
            SchedThread m = (SchedThread) event("  M4: p=-1 curg=-1 mallocing=0 throwing=0 preemptoff= locks=0 dying=0 "
                    + "spinning=false blocked=true lockedg=-1");
            assertThat(m.p()).isEmpty();
            assertThat(m.blocked()).isTrue();
            assertThat(m.preemptOff()).isEmpty();
            assertThat(m.ids()).isEqualTo(IdStyle.MINUS_ONE);
            SchedGoroutine g = (SchedGoroutine) event("  G2: status=4(force gc (idle)) m=-1 lockedm=-1");
            assertThat(g.goroutineStatus()).isEqualTo(GoroutineStatus.WAITING);
            assertThat(g.waitReason()).isEqualTo("force gc (idle)");
        }

        @Test
        void go1_21_detailLinesSpellAbsentIdsNilAndFlagsAsBools() {
            SchedSummary s = (SchedSummary) event("SCHED 0ms: gomaxprocs=2 idleprocs=1 threads=4 spinningthreads=0 needspinning=0 "
                    + "idlethreads=2 runqueue=0 gcwaiting=false nmidlelocked=0 stopwait=0 sysmonwait=true");
            assertThat(s.detail().orElseThrow().sysmonWait()).isTrue();
            SchedProc p = (SchedProc) event("  P1: status=0 schedtick=3 syscalltick=0 m=nil runqsize=0 gfreecnt=0 timerslen=0");
            assertThat(p.m()).isEmpty();
            assertThat(p.ids()).isEqualTo(IdStyle.NIL);
            SchedThread m = (SchedThread) event("  M2: p=nil curg=nil mallocing=0 throwing=0 preemptoff=GC assist locks=0 dying=0 "
                    + "spinning=false blocked=true lockedg=nil");
            assertThat(m.preemptOff()).isEqualTo("GC assist");
            SchedGoroutine g = (SchedGoroutine) event("  G17: status=4100(GC worker (idle)) m=nil lockedm=nil");
            assertThat(GoroutineStatus.describe(g.status())).isEqualTo("_Gscan|_Gwaiting");
        }

        @Test
        void go1_26_leakedGoroutineAndNewWaitReason() {
            SchedGoroutine g = (SchedGoroutine) event("  G7: status=10(chan receive (durable)) m=nil lockedm=nil");
            assertThat(g.goroutineStatus()).isEqualTo(GoroutineStatus.LEAKED);
            assertThat(GoroutineStatus.describe(12)).isEqualTo("unknown(12)");
        }
    }

    @Nested
    class Mixed {
        @Test
        void initTraceAndScanStats() {
            PackageInit i = (PackageInit) event("init runtime @0.037 ms, 0.091 ms clock, 0 bytes, 0 allocs");
            assertThat(i.pkg()).isEqualTo("runtime");
            assertThat(i.startMicros()).isEqualTo(37);
            assertThat(i.clockMicros()).isEqualTo(91);
            assertThat(event("scan: total 1200+30+400=1630 objs, 12+4=16 spans").format()).isEqualTo(LineFormat.SCAN_STATS);
        }

        @Test
        void programOutputWithOrdinaryWordsIsNotReportedAsUnreadable() {
            assertThat(parser.parse("init done, listening on :8080")).isInstanceOf(TraceLineParser.ProgramOutput.class);
            assertThat(parser.parse("scan: found 3 files")).isInstanceOf(TraceLineParser.ProgramOutput.class);
            assertThat(parser.parse("2024/01/02 request served in 3ms")).isInstanceOf(TraceLineParser.ProgramOutput.class);
        }

        @Test
        void programTextWithoutNewlineBeforeARuntimeLineIsSkipped() {
            TraceLineParser.Result r = parser.parse("progress: 45%gc 7 @1.234s 3%: 0.021+1.5+0.030 ms clock, "
                    + "0.17+0.40/2.8/0+0.24 ms cpu, 12->13->6 MB, 14 MB goal, 0 MB stacks, 0 MB globals, 8 P");
            assertThat(r).isInstanceOf(TraceLineParser.Event.class);
            assertThat(((TraceLineParser.Event) r).skippedPrefix()).isEqualTo("progress: 45%".length());
            assertThat(((GcCycle) ((TraceLineParser.Event) r).event()).number()).isEqualTo(7);
        }
    }

    @Test
    void theRestOfAGcLineSplitBeforeItsNumberIsUnreadableNotProgramOutput() {
        // the program wrote between "gc " and "12": the tail has no marker but is still the runtime's
        assertThat(parser.parse("12 @0.513s 3%: 0.010+1.2+0.003 ms clock, 0.021+0.4/1.1/0.2+0.007 ms cpu, 4->4->0 MB, 4 MB goal, 0 MB stacks, 0 MB globals, 2 P"))
                .isInstanceOf(TraceLineParser.Unreadable.class);
        assertThat(parser.parse("CHED 20ms: gomaxprocs=2 idleprocs=1 threads=5 spinningthreads=0 idlethreads=2 runqueue=0 [0 0]"))
                .isInstanceOf(TraceLineParser.Unreadable.class);
        assertThat(parser.parse("took 3 ms clock time")).isInstanceOf(TraceLineParser.ProgramOutput.class);
    }
}
