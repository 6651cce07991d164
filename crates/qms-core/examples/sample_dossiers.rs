//! Writes the sample's dossier book for the first half of 2012:
//! `procedures/records/mot-cua/so-theo-doi-ho-so-2012.csv`.
//!
//! 6,047 dossiers received on the working days of 1 January to 30 June 2012
//! (none on a non-working day; Saturday 4 February was worked), spread over
//! the sample's service procedures; 6,035 resolved early or on time, none
//! late; the 12 received last whose due date falls after 30 June still in
//! progress, not yet due; then one dossier of each of the law's cases,
//! received in July ([`EXAMPLES`]). Seeded: re-running it gives the same bytes, which
//! a test checks against the committed file.
//!
//! Run: `cargo run -p qms-core --example sample_dossiers` (from the root).

#![allow(dead_code)]

use std::path::Path;

use qms_core::registers::calendar::WorkingCalendar;
use qms_core::registers::dossier::{CASE_COLUMNS, OPTIONAL, REQUIRED};
use qms_core::{Date, Weekday};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Where the sample register lives, relative to the repository root.
pub const OUTPUT: &str = "procedures/records/mot-cua/so-theo-doi-ho-so-2012.csv";
const RECEIVED: usize = 6047;
const IN_PROGRESS: usize = 12;
const SEED: u64 = 20120630;

/// Procedure mix of the Mỹ An desk (share of receipts).
const MIX: [(&str, u32); 9] = [
    ("QT-CT-01", 480),
    ("QT-HT-01", 120),
    ("QT-HT-02", 30),
    ("QT-HT-03", 45),
    ("QT-HT-04", 100),
    ("QT-LDTBXH-01", 30),
    ("QT-LDTBXH-02", 20),
    ("QT-TNMT-01", 25),
    ("QT-TNMT-02", 150),
];

/// One dossier of each of the law's cases, received in July 2012 after the
/// half-year the article counts (procedures/README.md tells them):
/// same day; after the 15:00 cut-off; verification; an apology with a new
/// appointment kept; an extension by written agreement; 30 calendar days
/// ending on a Sunday.
#[rustfmt::skip]
pub const EXAMPLES: [[&str; 16]; 6] = [
    [
        "MA-120702-0001", "HDCV-02", "02/07/2012", "02/07/2012", "02/07/2012", "02/07/2012",
        "approved", "trực tiếp", "Chứng thực", "", "", "", "09:20", "", "", "",
    ],
    [
        "MA-120702-0002", "HDCV-02", "02/07/2012", "03/07/2012", "03/07/2012", "03/07/2012",
        "approved", "trực tiếp", "Chứng thực", "", "", "", "15:40", "", "", "",
    ],
    [
        "MA-120702-0003", "QT-HT-03", "02/07/2012", "16/07/2012", "13/07/2012", "16/07/2012",
        "approved", "trực tiếp", "Hộ tịch", "", "", "", "", "xac-minh", "", "",
    ],
    [
        "MA-120702-0004", "QT-TNMT-02", "02/07/2012", "16/07/2012", "19/07/2012", "20/07/2012",
        "approved", "trực tiếp", "Tài nguyên và Môi trường", "", "13/07/2012", "20/07/2012", "",
        "", "", "",
    ],
    [
        "MA-120703-0001", "QT-CT-01", "03/07/2012", "06/07/2012", "06/07/2012", "06/07/2012",
        "approved", "trực tiếp", "Chứng thực", "", "", "", "", "", "06/07/2012",
        "Phiếu thỏa thuận số 01/2012/TT-CT (150 bản sao)",
    ],
    [
        "MA-120706-0001", "HDCV-03", "06/07/2012", "06/08/2012", "03/08/2012", "06/08/2012",
        "approved", "trực tiếp", "Giải quyết khiếu nại", "", "", "", "", "", "", "",
    ],
];

struct Row {
    code: String,
    procedure: &'static str,
    field: String,
    received: Date,
    due: Date,
    resolved: Option<Date>,
    returned: Option<Date>,
    channel: &'static str,
}

/// The register's bytes, computed from the sample QMS at `root` (its
/// procedures and calendar).
pub fn generate(root: &Path) -> String {
    let qms = qms_core::load(root).expect("the sample loads");
    let (cal, _) = WorkingCalendar::of(&qms);
    let procs = qms_core::registers::dossier::procedures(&qms);
    let mut rng = ChaCha8Rng::seed_from_u64(SEED);

    let start = Date::from_ymd(2012, 1, 1).expect("date");
    let end = Date::from_ymd(2012, 6, 30).expect("date");
    let mut days = Vec::new();
    let mut d = start;
    while d <= end {
        if cal.is_working_day(d) {
            days.push(d);
        }
        d = d.add_days(1);
    }

    // Daily volumes: a base load with noise, busier on Mondays and in the
    // weeks after Tết; allocated to hit the total exactly (largest remainder).
    let weights: Vec<f64> = days
        .iter()
        .map(|day| {
            let mut w = 1.0 + rng.random_range(-0.25..0.25);
            if day.weekday() == Weekday::Monday {
                w *= 1.3;
            }
            if *day > Date::from_ymd(2012, 1, 29).expect("date")
                && *day < Date::from_ymd(2012, 2, 25).expect("date")
            {
                w *= 1.25;
            }
            w
        })
        .collect();
    let sum: f64 = weights.iter().sum();
    let exact: Vec<f64> = weights.iter().map(|w| w / sum * RECEIVED as f64).collect();
    let mut counts: Vec<usize> = exact.iter().map(|x| x.floor() as usize).collect();
    let mut order: Vec<usize> = (0..days.len()).collect();
    order.sort_by(|&a, &b| {
        (exact[b] - exact[b].floor())
            .total_cmp(&(exact[a] - exact[a].floor()))
            .then(a.cmp(&b))
    });
    let short = RECEIVED - counts.iter().sum::<usize>();
    for &i in order.iter().take(short) {
        counts[i] += 1;
    }

    let total_weight: u32 = MIX.iter().map(|(_, w)| w).sum();
    let mut rows = Vec::with_capacity(RECEIVED);
    for (day, count) in days.iter().zip(&counts) {
        for seq in 1..=*count {
            let mut pick = rng.random_range(0..total_weight);
            let (procedure, _) = MIX
                .iter()
                .find(|(_, w)| {
                    if pick < *w {
                        true
                    } else {
                        pick -= w;
                        false
                    }
                })
                .copied()
                .unwrap_or(MIX[0]);
            let known = procs.get(procedure).expect("a sample procedure");
            let (field, limit) = (known.field.clone(), known.days);
            let due = cal.add_working_days(*day, limit);
            // Resolved early or on time: same day for one-day procedures
            // mostly, otherwise somewhere in the second half of the limit.
            let work = if limit <= 1 {
                u32::from(rng.random_bool(0.3))
            } else {
                rng.random_range(limit.div_ceil(2)..=limit)
            };
            let resolved = cal.add_working_days(*day, work);
            let returned = if rng.random_bool(0.8) {
                resolved
            } else {
                cal.add_working_days(resolved, 1)
            };
            let channel = match rng.random_range(0..100) {
                0..=2 => "bưu chính",
                3..=5 => "trực tuyến",
                _ => "trực tiếp",
            };
            rows.push(Row {
                code: format!(
                    "MA-{:02}{:02}{:02}-{seq:04}",
                    day.year() % 100,
                    day.month(),
                    day.day()
                ),
                procedure,
                field,
                received: *day,
                due,
                resolved: Some(resolved),
                returned: Some(returned),
                channel,
            });
        }
    }

    // The last dossiers received whose due date is after 30 June stay open;
    // every other one is resolved by the last working day of June.
    let last_working = *days.last().expect("working days");
    let mut open = 0;
    for r in rows.iter_mut().rev() {
        if open < IN_PROGRESS && r.due > end {
            r.resolved = None;
            r.returned = None;
            open += 1;
        } else if let Some(res) = r.resolved.filter(|res| *res > last_working) {
            let _ = res;
            let res = last_working.max(r.received);
            r.resolved = Some(res);
            r.returned = Some(res);
        }
    }
    assert_eq!(
        open, IN_PROGRESS,
        "enough late-June dossiers with a due date in July"
    );

    let fmt = |d: Option<Date>| {
        d.map_or_else(String::new, |d| {
            format!("{:02}/{:02}/{:04}", d.day(), d.month(), d.year())
        })
    };
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(REQUIRED.iter().chain(&OPTIONAL).chain(&CASE_COLUMNS))
        .expect("header");
    for r in &rows {
        let outcome = if r.resolved.is_some() { "approved" } else { "" };
        w.write_record([
            r.code.as_str(),
            r.procedure,
            &fmt(Some(r.received)),
            &fmt(Some(r.due)),
            &fmt(r.resolved),
            &fmt(r.returned),
            outcome,
            r.channel,
            &r.field,
            "",
            "",
            "",
            "",
            "",
            "",
            "",
        ])
        .expect("row");
    }
    for example in EXAMPLES {
        w.write_record(example).expect("row");
    }
    String::from_utf8(w.into_inner().expect("flush")).expect("UTF-8")
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let text = generate(&root.join("procedures"));
    let path = root.join(OUTPUT);
    let tmp = path.with_extension("csv.tmp");
    std::fs::write(&tmp, &text).expect("write the register");
    std::fs::rename(&tmp, &path).expect("move it into place");
    println!("{} ({} bytes)", path.display(), text.len());
}
