//! How long `analyze()` takes on a large realistic plan: two dual-stack peerings (private and
//! Microsoft) with 200 advertised prefixes per family, the most a plan can validly carry. Not a
//! timed test: it prints the median and p95 so a regression is visible. Run: scripts/bench-validate.sh

use peering_planner::domain::examples::dual_stack_plan;
use peering_planner::domain::validate::analyze;
use std::hint::black_box;
use std::time::{Duration, Instant};

const WARM_UP: usize = 200;
const ITERATIONS: usize = 2000;

fn main() {
    let plan = dual_stack_plan(200);
    let first = analyze(&plan);
    assert!(
        first.plan.is_some(),
        "the benchmark plan must be valid: {:?}",
        first.findings
    );
    assert_eq!(first.ip_plan.rows.len(), 8);

    for _ in 0..WARM_UP {
        black_box(analyze(black_box(&plan)));
    }
    let mut samples: Vec<Duration> = (0..ITERATIONS)
        .map(|_| {
            let start = Instant::now();
            black_box(analyze(black_box(&plan)));
            start.elapsed()
        })
        .collect();
    samples.sort();
    // On a shared machine a few samples include a preemption (a scheduler slice, about 4 ms): read
    // the median for the cost of analyze(), the tail for the machine's load.
    let median = samples[ITERATIONS / 2];
    let p95 = samples[ITERATIONS * 95 / 100];
    let p99 = samples[ITERATIONS * 99 / 100];
    println!(
        "analyze(): 2 dual-stack peerings, 200 prefixes per family, {ITERATIONS} iterations: median {:.1} µs, p95 {:.1} µs, p99 {:.1} µs",
        median.as_secs_f64() * 1e6,
        p95.as_secs_f64() * 1e6,
        p99.as_secs_f64() * 1e6
    );
}
