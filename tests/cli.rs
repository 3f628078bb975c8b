//! The one integration-test binary: each module is a transcript of real use of `disclose`.

#[path = "cli/common.rs"]
mod common;

#[path = "cli/calendar.rs"]
mod calendar;
