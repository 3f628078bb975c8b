//! Reports computed from the register: the view of one request, the weekly overdue report and
//! the annual statistics. Computing is separate from rendering.

pub mod annual;
pub mod documents;
pub mod export;
pub mod overdue;
pub mod table2;
pub mod view;
