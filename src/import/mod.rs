//! Batch import of mailed requests from a spreadsheet (CSV or .xlsx).
