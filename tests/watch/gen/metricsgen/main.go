// Regenerates tests/watch/testdata/metrics-client_golang-1.14.txt with Debian's
// golang-github-prometheus-client-golang-dev (GOPATH mode):
//   GO111MODULE=off GOPATH=/usr/share/gocode go run main.go > ../../testdata/metrics-client_golang-1.14.txt
// Prints the default Prometheus registry (Go and process collectors) in text format 0.0.4,
// plus one gauge whose label value needs escaping.
package main

import (
	"os"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/common/expfmt"
)

func main() {
	g := prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "demo_escaped", Help: "Help with a backslash \\ and\nnewline."}, []string{"path"})
	g.WithLabelValues("C:\\dir \"quoted\"\nline2").Set(1.5)
	prometheus.MustRegister(g)
	mfs, err := prometheus.DefaultGatherer.Gather()
	if err != nil {
		panic(err)
	}
	enc := expfmt.NewEncoder(os.Stdout, expfmt.FmtText)
	for _, mf := range mfs {
		if err := enc.Encode(mf); err != nil {
			panic(err)
		}
	}
}
