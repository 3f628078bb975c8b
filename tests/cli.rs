//! The one integration-test binary: each module is a transcript of real use of `disclose`.

#[path = "cli/common.rs"]
mod common;

#[path = "cli/annual.rs"]
mod annual;
#[path = "cli/calendar.rs"]
mod calendar;
#[path = "cli/clerk_messages.rs"]
mod clerk_messages;
#[path = "cli/concurrency.rs"]
mod concurrency;
#[path = "cli/database.rs"]
mod database;
#[path = "cli/desk.rs"]
mod desk;
#[path = "cli/desk_numbers.rs"]
mod desk_numbers;
#[path = "cli/documents.rs"]
mod documents;
#[path = "cli/files.rs"]
mod files;
#[path = "cli/hostile.rs"]
mod hostile;
#[path = "cli/import.rs"]
mod import;
#[path = "cli/import_faults.rs"]
mod import_faults;
#[path = "cli/import_tryout.rs"]
mod import_tryout;
#[path = "cli/integrity.rs"]
mod integrity;
#[path = "cli/letters.rs"]
mod letters;
#[path = "cli/letters_clerk.rs"]
mod letters_clerk;
#[path = "cli/letters_sweep.rs"]
mod letters_sweep;
#[path = "cli/migration.rs"]
mod migration;
#[path = "cli/record_correction.rs"]
mod record_correction;
#[path = "cli/register.rs"]
mod register;
#[path = "cli/scenarios.rs"]
mod scenarios;
#[path = "cli/search.rs"]
mod search;
#[path = "cli/steps.rs"]
mod steps;
#[path = "cli/transcripts.rs"]
mod transcripts;
