// hello.go -- the background reading's Go hello server: one handler, then http.ListenAndServe, which
// makes the same syscalls as stages 01 to 07. scripts/trace-go builds it and traces it with bin/tracer.
//
// Run it as `./hello` to listen on ":8080" as in the reading, or `./hello 127.0.0.1:0` to let the kernel
// choose the port (getsockname in the trace shows which).
package main

import (
	"fmt"
	"log"
	"net/http"
	"os"
)

func main() {
	addr := ":8080"
	if len(os.Args) > 1 {
		addr = os.Args[1]
	}
	http.HandleFunc("/hello", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintln(w, "Hello, world!")
	})
	log.Fatal(http.ListenAndServe(addr, nil))
}
