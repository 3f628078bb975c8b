//! Table 三 of the annual report counted by the store (SQL `GROUP BY`, storage format v3)
//! instead of from each request (国办公开办函〔2021〕30号; SPEC.md §5).

use super::{AnnualReport, Column, Row, Table3, with_table4};
use crate::case::Case;

/// The report of `year` with table 三 counted by the store (SQL `GROUP BY` on the projection's
/// columns, [`crate::store::Store::annual_counts`]) and table 四 and the fees from `detail`, the
/// requests with an appeal or a fee paid in the year
/// ([`crate::store::Store::annual_detail_cases`]); the same figures as [`super::compute`] on every
/// candidate. Its table 三 has counts but no requests in its cells ([`Table3::cell`] is empty).
///
/// Returns `None` when table 三 does not add up (一 + 二 ≠ （七）总计 + 四 in some column): the
/// caller then runs [`super::compute`] on the requests themselves, which names the requests.
pub fn compute_counted<'a>(
    year: i32,
    groups: &[crate::store::CountedGroup],
    detail: &'a [Case],
) -> Option<AnnualReport<'a>> {
    use crate::store::CountedRow;
    let rows = Row::all();
    // Signed while adding: the store's groups include the requests table 三 leaves out with a
    // negative count (条例 Art 41 corrections, [`crate::store::Store::annual_counts`]).
    let mut signed: Vec<[i64; 7]> = vec![[0; 7]; rows.len()];
    let mut add = |r: Row, col: usize, n: i64| {
        let p = rows
            .iter()
            .position(|x| *x == r)
            .expect("every row is in the table");
        signed[p][col] += n;
        signed[p][Column::Total.index()] += n;
    };
    for g in groups {
        let col = Column::Applicant(g.applicant_type).index();
        match g.row {
            CountedRow::Received => add(Row::Received, col, g.count),
            CountedRow::CarriedOver => add(Row::CarriedOver, col, g.count),
            CountedRow::Concluded(o) => {
                add(Row::Outcome(o), col, g.count);
                if o.group >= 3 {
                    add(Row::Subtotal(o.group), col, g.count);
                }
                add(Row::Concluded, col, g.count);
            }
            CountedRow::CarriedForward => add(Row::CarriedForward, col, g.count),
        }
    }
    // A count below zero cannot come from a consistent register: count the requests instead.
    let counts = signed
        .iter()
        .map(|row| {
            let mut out = [0usize; 7];
            for (o, n) in out.iter_mut().zip(row) {
                *o = usize::try_from(*n).ok()?;
            }
            Some(out)
        })
        .collect::<Option<Vec<[usize; 7]>>>()?;
    let cells = rows.iter().map(|_| Default::default()).collect();
    let table3 = Table3 {
        rows,
        cells,
        counts,
    };
    let balanced = Column::ALL.iter().all(|&column| {
        let n = |r: Row| table3.count(r, column);
        n(Row::Received) + n(Row::CarriedOver) == n(Row::Concluded) + n(Row::CarriedForward)
    });
    balanced.then(|| with_table4(year, table3, detail))
}
