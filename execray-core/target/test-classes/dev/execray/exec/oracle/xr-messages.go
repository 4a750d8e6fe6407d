// execray oracle harness: for each line "dir\tpath" on stdin, run exec.Command(path) in dir and
// print on one line what os/exec says: the error text, or RAN.
package main

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"strings"
)

func main() {
	in := bufio.NewScanner(os.Stdin)
	for in.Scan() {
		f := strings.SplitN(in.Text(), "\t", 2)
		cmd := exec.Command(f[1])
		cmd.Dir = f[0]
		if err := cmd.Run(); err != nil {
			fmt.Println(strings.ReplaceAll(err.Error(), "\n", "\\n"))
		} else {
			fmt.Println("RAN")
		}
	}
}
