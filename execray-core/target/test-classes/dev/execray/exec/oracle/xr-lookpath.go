// execray oracle harness: print what exec.LookPath(os.Args[1]) returns, "path<TAB>error".
package main

import (
	"fmt"
	"os"
	"os/exec"
)

func main() {
	p, err := exec.LookPath(os.Args[1])
	e := ""
	if err != nil {
		e = err.Error()
	}
	fmt.Printf("%s\t%s\n", p, e)
}
