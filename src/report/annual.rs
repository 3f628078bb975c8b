//! The annual statistics: table 三 and table 四 of the national annual-report format [格式].
