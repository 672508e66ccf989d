//! Progress on stderr: a bar with time left on a terminal (`indicatif`), plain lines at
//! each tenth otherwise, so that a scheduler's log stays readable.

use std::io::IsTerminal;
use std::sync::Mutex;

use clerkdesk_core::bulk::plan::duration_words;
use clerkdesk_core::bulk::RunProgress;
use indicatif::{ProgressBar, ProgressStyle};

/// One progress display.
pub struct Progress {
    label: &'static str,
    unit: &'static str,
    bar: Option<ProgressBar>,
    last_tenth: Mutex<Option<usize>>,
}

impl Progress {
    /// A display for `label` ("Running") counting `unit` ("rows").
    pub fn new(label: &'static str, unit: &'static str) -> Self {
        let bar = std::io::stderr().is_terminal().then(|| {
            let b = ProgressBar::new(0);
            b.set_style(
                ProgressStyle::with_template("{prefix} [{bar:30}] {pos}/{len} {msg}")
                    .expect("a valid template")
                    .progress_chars("=> "),
            );
            b.set_prefix(label);
            b
        });
        Self {
            label,
            unit,
            bar,
            last_tenth: Mutex::new(None),
        }
    }

    /// `done` of `total`; time left from the run (or from the rate for reads).
    pub fn set(&self, done: usize, total: usize, per_minute: u32, run: Option<&RunProgress>) {
        let left = match run {
            Some(r) => r.seconds_left,
            None => (total.saturating_sub(done) as u64 * 60).div_ceil(u64::from(per_minute.max(1))),
        };
        let current = run.and_then(|r| r.current.clone()).unwrap_or_default();
        // The last calls: "finishing…", never "no time left".
        let left = if left == 0 {
            "finishing…".to_string()
        } else {
            format!("{} left", duration_words(left))
        };
        if let Some(b) = &self.bar {
            b.set_length(total as u64);
            b.set_position(done as u64);
            b.set_message(format!("{current} — {left}"));
            return;
        }
        let tenth = (done * 10).checked_div(total).unwrap_or(10);
        let mut last = self.last_tenth.lock().unwrap_or_else(|e| e.into_inner());
        if *last != Some(tenth) {
            *last = Some(tenth);
            if done >= total {
                eprintln!("{}: {done} of {total} {}.", self.label, self.unit);
            } else {
                eprintln!("{}: {done} of {total} {}, {left}", self.label, self.unit);
            }
        }
    }

    /// Clears the bar.
    pub fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}
