//! How long `analyze()` and the emitters (`Outputs::build`, every output block) take on a large
//! realistic plan: two dual-stack peerings (private and Microsoft) with 200 advertised prefixes per
//! family, the most a plan can validly carry. Not a timed test: it prints the median and p95 so a
//! regression is visible. Run: scripts/bench-validate.sh

use peering_planner::domain::examples::dual_stack_plan;
use peering_planner::domain::validate::analyze;
use peering_planner::emit::blocks::Outputs;
use std::hint::black_box;
use std::time::{Duration, Instant};

const WARM_UP: usize = 200;
const ITERATIONS: usize = 2000;

/// Median, p95 and p99 of `run` in µs.
fn measure(mut run: impl FnMut()) -> (f64, f64, f64) {
    for _ in 0..WARM_UP {
        run();
    }
    let mut samples: Vec<Duration> = (0..ITERATIONS)
        .map(|_| {
            let start = Instant::now();
            run();
            start.elapsed()
        })
        .collect();
    samples.sort();
    // On a shared machine a few samples include a preemption (a scheduler slice, about 4 ms): read
    // the median for the cost, the tail for the machine's load.
    let us = |d: Duration| d.as_secs_f64() * 1e6;
    (
        us(samples[ITERATIONS / 2]),
        us(samples[ITERATIONS * 95 / 100]),
        us(samples[ITERATIONS * 99 / 100]),
    )
}

fn main() {
    let plan = dual_stack_plan(200);
    let first = analyze(&plan);
    assert!(
        first.plan.is_some(),
        "the benchmark plan must be valid: {:?}",
        first.findings
    );
    assert_eq!(first.ip_plan.rows.len(), 8);

    let (median, p95, p99) = measure(|| {
        black_box(analyze(black_box(&plan)));
    });
    println!(
        "analyze(): 2 dual-stack peerings, 200 prefixes per family, {ITERATIONS} iterations: median {median:.1} µs, p95 {p95:.1} µs, p99 {p99:.1} µs"
    );
    let (median, p95, p99) = measure(|| {
        black_box(Outputs::build(black_box(&plan), black_box(&first), false));
    });
    println!(
        "Outputs::build() (every block) on the same plan, {ITERATIONS} iterations: median {median:.1} µs, p95 {p95:.1} µs, p99 {p99:.1} µs"
    );
}
