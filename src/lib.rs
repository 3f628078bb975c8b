//! disclose — the register of government-information disclosure requests (政府信息公开申请)
//! that a disclosure office (政务公开办公室) keeps from arrival to archive.
//!
//! A request arrives (in person, by mail, by ordinary letter, online, by e-mail or fax) and is
//! registered with its receipt date (条例 Art 31). The office may send one correction notice
//! within 7 working days (Art 30), consult third parties or other agencies (Art 32, 34), extend
//! the reply period once (Art 33 ¶2) or charge a fee (国办函〔2020〕109号); a department drafts
//! the reply, the office reviews it, the leader approves it, the reply goes out within 20
//! working days of the receipt (Art 33), and the file is archived (Art 45).
//!
//! ```text
//!   register ─► [awaiting-confirmation] ─ confirm ─┐        (ordinary letter, not reached)
//!      └──────────────────────────────────────► [in-progress] ─ consult / draft / review /
//!                                                 │  │   ▲        approve / extend
//!            correction notice (≤ 7 WD) ─────────┘  │   └── corrected application (clock from 0)
//!                  [awaiting-correction] ─ lapsed ─► （六）1
//!                             fee notice ────────────┘  [awaiting-fee] ─ lapsed ─► （六）2
//!   reply (approved draft) / withdraw ─► [concluded] ─ archive ─► [archived]  (+ appeals)
//! ```
//!
//! Every step is an event in an append-only, hash-chained log ([`store`]); the request's state is
//! the fold of its events ([`case::replay`]), checked at recording time by the rules of the
//! regulation ([`case::check`]); every deadline is derived from the events and the working-day
//! [`calendar`] of the State Council's holiday notices ([`case::deadlines`]), never stored.
//! [`report`] computes the weekly overdue list and the annual statistics; [`import`] reads the
//! week's mailed requests from spreadsheets. The domain modules ([`calendar`], [`case`]) know
//! nothing of SQLite or the terminal; [`cli`] and [`commands`] are the command line.

pub mod calendar;
pub mod case;
pub mod cli;
pub mod commands;
pub mod context;
pub mod dates;
pub mod document;
pub mod error;
pub mod import;
pub mod letters;
pub mod output;
pub mod report;
pub mod store;
pub mod text;
