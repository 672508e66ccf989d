//! Memory of the app and its WebKit processes, read from /proc.

fn children(pid: u32) -> Vec<u32> {
    let mut out = Vec::new();
    for e in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Some(p) = e.file_name().to_str().and_then(|s| s.parse::<u32>().ok()) else {
            continue;
        };
        let stat = std::fs::read_to_string(e.path().join("stat")).unwrap_or_default();
        // The parent pid is the 4th field, after the ")" closing the command name.
        let ppid = stat
            .rsplit(')')
            .next()
            .and_then(|r| r.split_whitespace().nth(1))
            .and_then(|s| s.parse::<u32>().ok());
        if ppid == Some(pid) {
            out.push(p);
            out.extend(children(p));
        }
    }
    out
}

pub fn kib(pid: u32, file: &str, key: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/{file}"))
        .unwrap_or_default()
        .lines()
        .filter(|l| l.starts_with(key))
        .filter_map(|l| l.split_whitespace().nth(1))
        .filter_map(|v| v.parse::<u64>().ok())
        .sum()
}

/// Memory of a process and its children, in MiB: (processes, RSS, PSS, USS).
pub fn memory(pid: u32) -> (usize, f64, f64, f64) {
    let mut tree = vec![pid];
    tree.extend(children(pid));
    let sum = |file: &str, key: &str| {
        tree.iter().map(|p| kib(*p, file, key)).sum::<u64>() as f64 / 1024.0
    };
    (
        tree.len(),
        sum("status", "VmRSS:"),
        sum("smaps_rollup", "Pss:"),
        sum("smaps_rollup", "Private_"),
    )
}
