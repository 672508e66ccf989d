//! API calls per project open, as the window opens projects: the header (number, status,
//! owner) and the form the status waits for, counted from the simulator's request log.

use clerkdesk_core::workflow::{open_project, Desk};
use clerkdesk_core::Session;
use powerclerk_sim::Simulator;

fn api_calls(sim: &Simulator) -> usize {
    sim.with_state(|s| {
        s.log
            .iter()
            .filter(|e| !e.path.ends_with("/connect/token"))
            .count()
    })
}

/// Prints the figures.
pub async fn run() {
    println!("## opens: API calls per project opened (header + the form its status waits for)");
    // The app's own demo connection; the bench build has the simulator's test hooks, so
    // its request log can be read.
    let session = Session::open_demo().await.expect("demo");
    let sim = &session.demo().expect("demo mode").simulator;
    let desk = Desk::new(&session);
    let forms = desk
        .form_summaries()
        .await
        .expect("forms")
        .expect("a form list");
    let listed = session
        .client
        .all_projects(powerclerk_sim::demo::PROGRAM_ID, None, 1000)
        .await
        .expect("projects")
        .projects
        .len();
    let numbers: Vec<String> = (250..260).map(|i| format!("INTG-{i:05}")).collect();
    let mut counts = Vec::new();
    for n in &numbers {
        let before = api_calls(sim);
        let header = open_project(&session, n).await.expect("open project");
        if let Some(f) = forms
            .iter()
            .find(|f| f.available_in.contains(&header.status))
        {
            desk.open_form(n, &f.key).await.expect("open form");
        }
        counts.push(api_calls(sim) - before);
    }
    println!(
        "program of {listed} projects; calls per open, {} projects in a row: {:?} (the first reads the program's list once)",
        numbers.len(),
        counts
    );
    let later = &counts[1..];
    println!(
        "after the first: at most {} calls per open (goal ≤ 3)",
        later.iter().max().unwrap_or(&0)
    );
}
