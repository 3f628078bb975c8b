//! The weekly overdue report (SPEC.md §5).
