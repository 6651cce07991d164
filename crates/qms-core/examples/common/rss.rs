//! Peak memory of the running process, for the benchmarks (Linux).

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
