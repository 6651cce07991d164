//! Peak memory and CPU time of the running process, for the benchmarks
//! (Linux).

/// The process's peak resident set (VmHWM) in KiB; 0 where
/// `/proc/self/status` cannot say.
pub fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.split_whitespace().next()?.parse().ok())
        })
        .unwrap_or(0)
}

/// The CPU time the process has spent so far, all its threads, in seconds.
#[allow(dead_code)] // `bench` reports it, `bench_stats` does not
pub fn cpu_seconds() -> f64 {
    cpu_time::ProcessTime::try_now().map_or(0.0, |t| t.as_duration().as_secs_f64())
}
