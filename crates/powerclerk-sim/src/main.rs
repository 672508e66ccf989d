//! `powerclerk-sim --port N`: serves the simulated PowerClerk API V2 until interrupted.

use clap::Parser;
use powerclerk_sim::{Deviation, Knobs, RetryAfterStyle, SimOptions, Simulator};

/// A simulator of PowerClerk API V2 with the Clerkdesk demo program.
#[derive(Parser)]
#[command(version, about)]
struct Args {
    /// Port on 127.0.0.1 (0 picks a free one).
    #[arg(long, default_value_t = 8089)]
    port: u16,
    /// Tenant in the paths.
    #[arg(long, default_value = "PCITrial")]
    tenant: String,
    /// Calls allowed per API key in each sliding window.
    #[arg(long, default_value_t = 60)]
    max_calls: u32,
    /// Window length in seconds (may be fractional).
    #[arg(long, default_value_t = 60.0)]
    window: f64,
    /// How 429 answers carry Retry-After: seconds, http-date or omit.
    #[arg(long, default_value = "seconds")]
    retry_after: String,
    /// Lifetime of issued tokens in seconds.
    #[arg(long, default_value_t = 3600)]
    token_lifetime: u64,
    /// Largest attachment accepted, in MiB.
    #[arg(long, default_value_t = 50)]
    size_limit_mib: u64,
    /// Latency added to every request, in milliseconds.
    #[arg(long, default_value_t = 0)]
    latency_ms: u64,
    /// Probability of an injected 500/502/503.
    #[arg(long, default_value_t = 0.0)]
    error_rate: f64,
    /// Probability of dropping the connection before processing.
    #[arg(long, default_value_t = 0.0)]
    drop_before: f64,
    /// Probability of dropping the connection after processing.
    #[arg(long, default_value_t = 0.0)]
    drop_after: f64,
    /// Add a form LARGE_SURVEY with this many fields.
    #[arg(long, default_value_t = 0)]
    big_form_fields: usize,
    /// Add this many projects BULK-00001… in Technical Review.
    #[arg(long, default_value_t = 0)]
    bulk_projects: u32,
    /// Write answers another plausible way (repeatable): camel_case, typed_values,
    /// date_times, no_offset, seven_digits, page_cap100, no_content_writes, other_write_body,
    /// model_state_errors, problem_errors, numeric_enums, bom, id_case, no_disposition,
    /// filename_star_only, rate_limit_reset, x_rate_limit_reset, gzip, connection_close,
    /// unknown_properties, bare401.
    #[arg(long = "deviation", value_name = "NAME")]
    deviations: Vec<String>,
}

fn main() {
    let args = Args::parse();
    let retry_after = match args.retry_after.as_str() {
        "seconds" => RetryAfterStyle::Seconds,
        "http-date" => RetryAfterStyle::HttpDate,
        "omit" => RetryAfterStyle::Omit,
        other => {
            eprintln!("--retry-after must be seconds, http-date or omit, not \"{other}\".");
            std::process::exit(2);
        }
    };
    let mut deviations = Vec::new();
    for name in &args.deviations {
        match Deviation::ALL.into_iter().find(|d| d.name() == *name) {
            Some(d) => deviations.push(d),
            None => {
                let known: Vec<String> = Deviation::ALL.iter().map(|d| d.name()).collect();
                eprintln!("--deviation {name}: not one of {}.", known.join(", "));
                std::process::exit(2);
            }
        }
    }
    let knobs = Knobs {
        deviations,
        max_calls: args.max_calls,
        window_ms: (args.window * 1000.0) as u64,
        retry_after,
        token_lifetime_s: args.token_lifetime,
        size_limit: args.size_limit_mib * 1024 * 1024,
        latency_ms: args.latency_ms,
        error_rate: args.error_rate,
        drop_before_rate: args.drop_before,
        drop_after_rate: args.drop_after,
        ..Knobs::default()
    };
    let rt = tokio::runtime::Runtime::new().expect("tokio runtime");
    rt.block_on(async {
        let sim = match Simulator::start(SimOptions {
            port: args.port,
            tenant: args.tenant,
            knobs,
            big_form_fields: args.big_form_fields,
            bulk_projects: args.bulk_projects,
        })
        .await
        {
            Ok(s) => s,
            Err(e) => {
                eprintln!("Could not start the simulator on port {}: {e}", args.port);
                std::process::exit(1);
            }
        };
        println!(
            "PowerClerk simulator (demo program {})",
            powerclerk_sim::demo::PROGRAM_ID
        );
        println!("POWERCLERK_API_URL={}", sim.api_url());
        println!("POWERCLERK_TOKEN_URL={}", sim.token_url());
        println!(
            "API key {}, client id {}, secret {}; simulator controls at {}",
            powerclerk_sim::DEMO_API_KEY,
            powerclerk_sim::DEMO_CLIENT_ID,
            powerclerk_sim::DEMO_SECRET,
            sim.sim_url("")
        );
        let _ = tokio::signal::ctrl_c().await;
    });
}
