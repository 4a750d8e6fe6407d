// Test fixture for execray's runtime package: a small Go program whose GODEBUG traces and
// /proc maps the tests read. It never touches the network or files; it allocates, schedules and
// (in "wait" mode) sleeps until its standard input is closed.
//
//	churn [rounds]  allocate garbage on several goroutines, force a few GCs, free memory to the OS,
//	                then print the runtime's own statistics as JSON on stdout
//	wait            print "ready" and block until stdin closes (a live process for /proc tests)
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"sync"
	"time"
)

var sink [][]byte

// noise makes the workers write to stderr too (FIXTURE_NOISE=1).
var noise = os.Getenv("FIXTURE_NOISE") == "1"

type stats struct {
	GoVersion   string   `json:"goVersion"`
	GoMaxProcs  int      `json:"gomaxprocs"`
	NumGC       uint32   `json:"numGC"`
	NumForcedGC uint32   `json:"numForcedGC"`
	PauseNs     []uint64 `json:"pauseNs"`
	HeapSys     uint64   `json:"heapSys"`
}

func churn(rounds int) {
	var wg sync.WaitGroup
	// More runnable goroutines than Ps, so that run queues are not always empty.
	for w := 0; w < 4*runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			local := make([][]byte, 0, 64)
			for i := 0; i < rounds; i++ {
				local = append(local, make([]byte, 1024+(i*w)%4096))
				if len(local) == cap(local) {
					local = local[:0]
				}
				if i%5000 == 0 {
					runtime.Gosched()
					if noise {
						// the program's own stderr, sometimes without a newline: it lands in front of
						// (or, rarely, inside) the runtime's trace lines, as in real logs
						fmt.Fprintf(os.Stderr, "fixture: worker %d at %d", w, i)
						if i%10000 == 0 {
							fmt.Fprintln(os.Stderr)
						}
					}
				}
			}
		}(w)
	}
	// A live heap that grows, then shrinks, so that heap goals move.
	for i := 0; i < 200; i++ {
		sink = append(sink, make([]byte, 64<<10))
		if i%50 == 49 {
			runtime.GC() // a forced GC: the trace line ends with "(forced)"
			time.Sleep(20 * time.Millisecond)
		}
	}
	sink = nil
	wg.Wait()
	debug.FreeOSMemory() // a forced GC and a forced scavenge
	time.Sleep(150 * time.Millisecond)
}

func main() {
	mode := "churn"
	if len(os.Args) > 1 {
		mode = os.Args[1]
	}
	switch mode {
	case "wait":
		sink = append(sink, make([]byte, 8<<20)) // some heap to see in smaps
		for i := range sink[0] {
			sink[0][i] = byte(i)
		}
		fmt.Println("ready")
		io.Copy(io.Discard, os.Stdin)
	default:
		rounds := 200000
		if len(os.Args) > 2 {
			if n, err := strconv.Atoi(os.Args[2]); err == nil {
				rounds = n
			}
		}
		churn(rounds)
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		n := int(ms.NumGC)
		if n > len(ms.PauseNs) {
			n = len(ms.PauseNs)
		}
		// PauseNs is a circular buffer: the pause of GC k (1-based) is at (k+255)%256.
		pauses := make([]uint64, 0, n)
		for k := int(ms.NumGC) - n + 1; k <= int(ms.NumGC); k++ {
			pauses = append(pauses, ms.PauseNs[(k+255)%256])
		}
		out, _ := json.Marshal(stats{runtime.Version(), runtime.GOMAXPROCS(0), ms.NumGC, ms.NumForcedGC, pauses, ms.HeapSys})
		fmt.Println(string(out))
	}
}
