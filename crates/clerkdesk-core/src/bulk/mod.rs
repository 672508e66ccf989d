//! Work at scale: a sheet of projects × one form, validated with nothing written, run
//! within the key's rate limit with a crash-safe journal, and written back as results,
//! errors and restore files in the sheet's own format. Both front ends (the window's Bulk
//! screen and `clerk bulk`) call these functions and only present what they return.

pub mod audit;
pub mod cells;
pub mod control;
pub mod counts;
pub mod csv_text;
pub mod export;
pub mod history;
mod initial;
pub mod job;
pub mod journal;
pub mod mapping;
pub mod open_sheet;
pub mod output;
pub mod plan;
pub mod queue;
mod read_csv;
mod read_xlsx;
pub mod reads;
pub mod run;
pub mod screen;
pub mod sheet;
pub mod table;
pub mod validate;

pub use control::RunControl;
pub use counts::Counts;
pub use job::{open_journal, JobEnd};
pub use journal::{JobOwner, JobSummary, Journal, RowResult, RowState};
pub use mapping::{map_columns, project_column, ColumnRole, Mapping};
pub use open_sheet::read_sheet;
pub use output::Outputs;
pub use plan::{Plan, Preview, RowKind, RowPlan};
pub use run::{OnProgress, RunEnd, RunProgress};
pub use sheet::{Sheet, SheetFormat};
pub use validate::validate;
