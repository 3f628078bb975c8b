//! disclose — the register of government-information disclosure requests (政府信息公开申请).
pub mod calendar;
pub mod case;
pub mod cli;
pub mod commands;
pub mod context;
pub mod dates;
pub mod error;
pub mod import;
pub mod output;
pub mod report;
pub mod store;
