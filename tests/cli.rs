//! The one integration-test binary: each module is a transcript of real use of `disclose`.

#[path = "cli/common.rs"]
mod common;

#[path = "cli/annual.rs"]
mod annual;
#[path = "cli/calendar.rs"]
mod calendar;
#[path = "cli/import.rs"]
mod import;
#[path = "cli/integrity.rs"]
mod integrity;
#[path = "cli/register.rs"]
mod register;
#[path = "cli/scenarios.rs"]
mod scenarios;
#[path = "cli/transcripts.rs"]
mod transcripts;
