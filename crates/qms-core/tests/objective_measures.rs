//! Objectives measured from registers (`[[metric]]`) and by hand
//! (`[[objective.measured]]`): the values of exact periods, the trend of
//! the last four, met and not met, and the findings OBJ001 to OBJ009 at
//! their lines.

mod common;

use common::tree;
use qms_core::{CheckOptions, Date, Measure, ObjectiveResult};

/// The delivery register: promised and delivered dates, ordered and
/// delivered quantities, the value of the delivery. Its rows by quarter:
/// 2025-Q1 three (two on time in full), 2025-Q2 eight (five on time in
/// full: D-05 is short, 90 of 100, which as text would pass; D-06 is late;
/// D-09 is not delivered yet), 2025-Q3 one.
const DELIVERIES: &str = "\
note,customer,promised,delivered,ordered_qty,delivered_qty,value
D-01,Marston,2025-01-10,2025-01-09,100,100,250.5
D-02,Marston,2025-02-14,2025-02-17,100,100,120
D-03,Hallam,2025-03-20,2025-03-20,50,50,80
D-04,Hallam,2025-04-02,2025-04-01,200,200,400
D-05,Marston,2025-04-15,2025-04-15,100,90,300
D-06,Hallam,2025-05-06,2025-05-09,60,60,90
D-07,Marston,2025-05-20,2025-05-19,100,100,210
D-12,Marston,2025-06-05,2025-06-05,30,30,36
D-08,Hallam,2025-06-11,2025-06-10,40,40,64
D-09,Marston,2025-06-25,,100,,0
D-10,Hallam,2025-06-30,2025-06-30,80,80,120
D-11,Marston,2025-07-03,2025-07-01,100,100,250
";

const RECORDS: &str = r#"[[record]]
id = "QR-21"
title = "Delivery log"
owner = "Despatch"
retention = "6 years"
disposition = "Delete"
clauses = ["8.5.1"]

[record.register]
path = "records/deliveries/delivery-log.csv"
kind = "table"

[[record]]
id = "QR-01"
title = "KPI reports"
owner = "Quality"
retention = "6 years"
disposition = "Delete"
clauses = ["9.1.3"]
files = "records/kpi/*.md"
"#;

const HEAD: &str = r#"[organisation]
name = "Wrekin Moulded Components Ltd"
[scope]
statement = "Injection moulding"
[checks]
CLS001 = "off"
AUD001 = "off"
MR001 = "off"
"#;

/// The house's metrics over the delivery register.
const METRICS: &str = r#"
[[metric]]
name = "otif"
description = "Deliveries on time and in full"
register = "QR-21"
date = "promised"
kind = "rate"
where = [
  { column = "delivered", op = "<=", other = "promised" },
  { column = "delivered_qty", op = ">=", other = "ordered_qty" },
]

[[metric]]
name = "late_deliveries"
register = "records/deliveries/delivery-log.csv"
date = "promised"
kind = "count"
where = [{ column = "delivered", op = ">", other = "promised" }]

[[metric]]
name = "delivered_value"
register = "QR-21"
date = "promised"
kind = "sum"
column = "value"

[[metric]]
name = "hallam_mean_value"
register = "QR-21"
date = "promised"
kind = "mean"
column = "value"
where = [{ column = "customer", in = ["hallam"] }]

[[metric]]
name = "big_deliveries"
register = "QR-21"
date = "promised"
kind = "count"
where = [{ column = "value", op = ">=", value = 200 }, { column = "customer", not_in = ["Hallam"] }]
"#;

fn date(s: &str) -> Date {
    s.parse().expect("a date")
}

/// A QMS of qms.toml (`HEAD`, then `rest`), records.toml, the delivery
/// register, two KPI reports and `extra` files.
fn qms_with(rest: &str, extra: &[(&str, &str)]) -> tempfile::TempDir {
    let toml = format!("{HEAD}{rest}");
    let mut files = vec![
        ("qms.toml", toml.as_str()),
        ("records.toml", RECORDS),
        ("records/deliveries/delivery-log.csv", DELIVERIES),
        ("records/kpi/2025-03-kpi-report.md", "# KPI March 2025\n"),
        ("records/kpi/2025-06-kpi-report.md", "# KPI June 2025\n"),
    ];
    files.extend_from_slice(extra);
    tree(&files)
}

/// The objectives and every finding as `CODE file:line message`.
fn run(dir: &tempfile::TempDir, as_of: &str) -> (Vec<ObjectiveResult>, Vec<String>) {
    let qms = qms_core::load(dir.path()).expect("loads");
    let report = qms_core::check(&qms, &CheckOptions::new(date(as_of)));
    let findings = report.findings.iter().map(common::in_full).collect();
    (report.objectives, findings)
}

/// The one-based line of the only line of `text` holding `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    let lines: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains(needle))
        .map(|(i, _)| i + 1)
        .collect();
    assert_eq!(lines.len(), 1, "`{needle}` on lines {lines:?}");
    lines[0]
}

/// `HEAD` + `rest`: the line of `needle` in qms.toml.
fn toml_line(rest: &str, needle: &str) -> usize {
    line_of(&format!("{HEAD}{rest}"), needle)
}

fn objective(id: &str, metric: &str, target: &str, period: &str) -> String {
    format!(
        "\n[[objective]]\nid = \"{id}\"\ntitle = \"{id}\"\nmetric = \"{metric}\"\ntarget = \"{target}\"\nperiod = \"{period}\"\n"
    )
}

fn trend(r: &ObjectiveResult) -> Vec<(String, Option<String>)> {
    r.trend
        .iter()
        .map(|t| (t.period.clone(), t.value.map(|v| v.to_string())))
        .collect()
}

fn point(period: &str, value: Option<&str>) -> (String, Option<String>) {
    (period.to_string(), value.map(str::to_string))
}

#[test]
fn otif_from_the_delivery_register_met() {
    let rest = format!(
        "{METRICS}{}",
        objective("QO-02", "otif", ">= 60%", "quarter")
    );
    let dir = qms_with(&rest, &[]);
    let (results, findings) = run(&dir, "2025-06-30");
    assert_eq!(findings, Vec::<String>::new());
    let r = &results[0];
    // 2025-Q2: D-04, D-07, D-12, D-08, D-10 of eight rows.
    assert_eq!(r.value, Some(Measure::Rate(5.0 / 8.0)));
    assert_eq!(r.value.map(|v| v.to_string()).as_deref(), Some("62.5%"));
    assert_eq!(r.met, Some(true));
    let p = r.period.as_ref().expect("a period");
    assert_eq!(
        (p.label.as_str(), p.from, p.to),
        ("2025-Q2", date("2025-04-01"), date("2025-06-30"))
    );
    assert_eq!(
        trend(r),
        [
            point("2024-Q3", None),
            point("2024-Q4", None),
            point("2025-Q1", Some("66.67%")),
            point("2025-Q2", Some("62.5%")),
        ]
    );
    assert!(!r.by_hand);
}

#[test]
fn otif_from_the_delivery_register_not_met() {
    let rest = format!(
        "{METRICS}{}",
        objective("QO-02", "otif", ">= 95%", "quarter")
    );
    let dir = qms_with(&rest, &[]);
    // A day earlier, 2025-Q2 has not ended: 2025-Q1 is judged.
    let (results, findings) = run(&dir, "2025-06-29");
    let line = toml_line(&rest, "target = \">= 95%\"");
    assert_eq!(
        findings,
        [format!(
            "OBJ003 qms.toml:{line} objective `QO-02` is not met: otif is 66.67% in 2025-Q1, target >= 95%"
        )]
    );
    assert_eq!(results[0].value, Some(Measure::Rate(2.0 / 3.0)));
    assert_eq!(results[0].met, Some(false));
    let (results, findings) = run(&dir, "2025-06-30");
    assert_eq!(
        findings,
        [format!(
            "OBJ003 qms.toml:{line} objective `QO-02` is not met: otif is 62.5% in 2025-Q2, target >= 95%"
        )]
    );
    assert_eq!(results[0].met, Some(false));
}

#[test]
fn count_sum_and_mean_over_their_periods() {
    let rest = format!(
        "{METRICS}{}{}{}{}",
        objective("LATE", "late_deliveries", "<= 0", "month"),
        objective("VALUE", "delivered_value", ">= 200", "month"),
        objective("HALLAM", "hallam_mean_value", ">= 100", "rolling-12"),
        objective("BIG", "big_deliveries", "<= 2", "quarter"),
    );
    let dir = qms_with(&rest, &[]);
    let (results, findings) = run(&dir, "2025-06-30");
    let value = |id: &str| {
        let r = results.iter().find(|r| r.id == id).expect(id);
        (r.period.as_ref().map(|p| p.label.clone()), r.value, r.met)
    };
    // June: no late delivery (D-09 is not delivered: neither late nor on time).
    assert_eq!(
        value("LATE"),
        (Some("2025-06".into()), Some(Measure::Count(0)), Some(true))
    );
    // June: 36 + 64 + 0 + 120.
    assert_eq!(
        value("VALUE"),
        (
            Some("2025-06".into()),
            Some(Measure::Number(220.0)),
            Some(true)
        )
    );
    // July 2024 to June 2025, Hallam ("hallam": text ignores case):
    // 80, 400, 90, 64, 120.
    assert_eq!(
        value("HALLAM"),
        (
            Some("2024-07/2025-06".into()),
            Some(Measure::Number(150.8)),
            Some(true)
        )
    );
    // 2025-Q2, 200 or more and not Hallam: D-05 (300), D-07 (210).
    assert_eq!(
        value("BIG"),
        (Some("2025-Q2".into()), Some(Measure::Count(2)), Some(true))
    );
    assert_eq!(findings, Vec::<String>::new());
    // The month windows: May has one late delivery (D-06).
    let (results, findings) = run(&dir, "2025-06-15");
    let late = results.iter().find(|r| r.id == "LATE").expect("LATE");
    assert_eq!(
        late.period.as_ref().map(|p| p.label.as_str()),
        Some("2025-05")
    );
    assert_eq!(late.value, Some(Measure::Count(1)));
    assert_eq!(
        trend(late),
        [
            point("2025-02", Some("1")),
            point("2025-03", Some("0")),
            point("2025-04", Some("0")),
            point("2025-05", Some("1")),
        ]
    );
    let line = toml_line(&rest, "target = \"<= 0\"");
    assert!(
        findings.contains(&format!(
            "OBJ003 qms.toml:{line} objective `LATE` is not met: late_deliveries is 1 in 2025-05, target <= 0"
        )),
        "{findings:#?}"
    );
    let value = results.iter().find(|r| r.id == "VALUE").expect("VALUE");
    assert_eq!(value.value.map(|v| v.to_string()).as_deref(), Some("300")); // May: 90 + 210
    // The rolling twelve months ending in May 2025: 80, 400, 90.
    let hallam = results.iter().find(|r| r.id == "HALLAM").expect("HALLAM");
    assert_eq!(hallam.value, Some(Measure::Number(190.0)));
    assert_eq!(
        trend(hallam)
            .iter()
            .map(|(p, _)| p.as_str())
            .collect::<Vec<_>>(),
        [
            "2024-03/2025-02",
            "2024-04/2025-03",
            "2024-05/2025-04",
            "2024-06/2025-05"
        ]
    );
}

#[test]
fn a_year_without_rows_has_nothing_to_measure() {
    let rest = format!("{METRICS}{}", objective("QO-02", "otif", ">= 95%", "year"));
    let dir = qms_with(&rest, &[]);
    let (results, findings) = run(&dir, "2025-06-30");
    let line = toml_line(&rest, "metric = \"otif\"");
    assert_eq!(
        findings,
        [format!(
            "OBJ004 qms.toml:{line} objective `QO-02`: `otif` has nothing to measure in 2024"
        )]
    );
    assert_eq!((results[0].value, results[0].met), (None, None));
    assert_eq!(
        trend(&results[0]),
        [
            point("2021", None),
            point("2022", None),
            point("2023", None),
            point("2024", None)
        ]
    );
    // 2025, once ended.
    let (results, _) = run(&dir, "2025-12-31");
    assert_eq!(results[0].value, Some(Measure::Rate(8.0 / 12.0)));
}

#[test]
fn columns_compare_as_dates_in_the_registers_date_format() {
    // 03/06/2025 is after 10/05/2025 as a date, before it as text.
    let records = RECORDS.replace(
        "kind = \"table\"",
        "kind = \"table\"\ndate_format = \"%d/%m/%Y\"",
    );
    let log = "note,promised,delivered,ordered_qty,delivered_qty\nA,10/05/2025,03/06/2025,1,1\nB,12/05/2025,12/05/2025,1,1\n";
    let rest = format!("{METRICS}{}", objective("QO-02", "otif", ">= 50%", "month"));
    let dir = qms_with(
        &rest,
        &[
            ("records.toml", records.as_str()),
            ("records/deliveries/delivery-log.csv", log),
        ],
    );
    let (results, _) = run(&dir, "2025-05-31");
    assert_eq!(results[0].value, Some(Measure::Rate(0.5)));
    assert_eq!(results[0].met, Some(true));
}

/// An objective measured by hand each quarter, with its evidence.
fn by_hand(entries: &[(&str, &str, Option<&str>)]) -> String {
    let mut s = "\n[[objective]]\nid = \"QO-03\"\ntitle = \"Customer OTIF (portal)\"\ntarget = \">= 98%\"\nperiod = \"quarter\"\n".to_string();
    for (period, value, evidence) in entries {
        s.push_str(&format!(
            "[[objective.measured]]\nperiod = \"{period}\"\nvalue = \"{value}\"\n"
        ));
        if let Some(e) = evidence {
            s.push_str(&format!("evidence = \"{e}\"\n"));
        }
    }
    s
}

const MARCH: &str = "records/kpi/2025-03-kpi-report.md";
const JUNE: &str = "records/kpi/2025-06-kpi-report.md";

#[test]
fn measured_by_hand_met() {
    let rest = by_hand(&[
        ("2024-Q4", "98.4%", Some(MARCH)),
        ("2025-Q1", "97.2%", Some(MARCH)),
        ("2025-Q2", "98.6%", Some(JUNE)),
    ]);
    let dir = qms_with(&rest, &[]);
    let (results, findings) = run(&dir, "2025-06-30");
    assert_eq!(findings, Vec::<String>::new());
    let r = &results[0];
    assert!(r.by_hand);
    assert_eq!(r.metric, None);
    assert_eq!(r.value.map(|v| v.to_string()).as_deref(), Some("98.6%"));
    assert_eq!(r.met, Some(true));
    assert_eq!(r.evidence.as_deref(), Some(JUNE));
    assert_eq!(r.period.as_ref().map(|p| p.label.as_str()), Some("2025-Q2"));
    // The evidence pack carries the evidence.
    let files = qms_core::load(dir.path())
        .expect("loads")
        .referenced_files();
    assert!(files.iter().any(|f| f == MARCH) && files.iter().any(|f| f == JUNE));
    assert_eq!(
        trend(r),
        [
            point("2024-Q3", None),
            point("2024-Q4", Some("98.4%")),
            point("2025-Q1", Some("97.2%")),
            point("2025-Q2", Some("98.6%")),
        ]
    );
}

#[test]
fn measured_by_hand_not_met() {
    let rest = by_hand(&[
        ("2024-Q4", "98.4%", Some(MARCH)),
        ("2025-Q1", "97.2%", Some(MARCH)),
        ("2025-Q2", "98.6%", Some(JUNE)),
    ]);
    let dir = qms_with(&rest, &[]);
    let (results, findings) = run(&dir, "2025-06-29");
    let line = toml_line(&rest, "target = \">= 98%\"");
    assert_eq!(
        findings,
        [format!(
            "OBJ003 qms.toml:{line} objective `QO-03` is not met: 2025-Q1 is 97.2%, target >= 98%"
        )]
    );
    assert_eq!(results[0].met, Some(false));
    assert_eq!(results[0].value, Some(Measure::Rate(0.972)));
    assert_eq!(results[0].evidence.as_deref(), Some(MARCH));
}

#[test]
fn a_period_without_a_measurement_is_a_finding() {
    // 2025-Q1 missing between the first value and the judged period.
    let rest = by_hand(&[
        ("2024-Q4", "98.4%", Some(MARCH)),
        ("2025-Q2", "98.6%", Some(JUNE)),
    ]);
    let dir = qms_with(&rest, &[]);
    let (results, findings) = run(&dir, "2025-06-30");
    let id = toml_line(&rest, "id = \"QO-03\"");
    assert_eq!(
        findings,
        [format!(
            "OBJ005 qms.toml:{id} objective `QO-03` has no value measured for 2025-Q1"
        )]
    );
    assert_eq!(results[0].met, Some(true), "2025-Q2 is judged");
    // Checked after 2025-Q3 ended, without its value: not measured.
    let (results, findings) = run(&dir, "2025-10-01");
    assert_eq!(
        findings,
        [format!(
            "OBJ005 qms.toml:{id} objective `QO-03` has no value measured for 2025-Q1, 2025-Q3"
        )]
    );
    assert_eq!((results[0].value, results[0].met), (None, None));
    assert_eq!(
        trend(&results[0]),
        [
            point("2024-Q4", Some("98.4%")),
            point("2025-Q1", None),
            point("2025-Q2", Some("98.6%")),
            point("2025-Q3", None),
        ]
    );
    // A value for a period that has not ended is neither required nor judged.
    let rest = by_hand(&[("2025-Q3", "99%", Some(JUNE))]);
    let dir = qms_with(&rest, &[]);
    let (results, findings) = run(&dir, "2025-06-30");
    assert_eq!(findings, Vec::<String>::new());
    assert_eq!(results[0].value, None);
}

#[test]
fn evidence_must_be_named_and_exist() {
    let rest = by_hand(&[
        ("2025-Q1", "97.2%", None),
        (
            "2025-Q2",
            "98.6%",
            Some("records/kpi/2025-06-kpi-reprot.md"),
        ),
    ]);
    let dir = qms_with(&rest, &[]);
    let (_, findings) = run(&dir, "2025-06-30");
    let q1 = toml_line(&rest, "period = \"2025-Q1\"");
    let q2 = toml_line(&rest, "reprot");
    assert_eq!(
        findings,
        [
            format!(
                "OBJ006 qms.toml:{q1} objective `QO-03`: the value for 2025-Q1 names no evidence"
            ),
            format!(
                "OBJ006 qms.toml:{q2} objective `QO-03`: evidence `records/kpi/2025-06-kpi-reprot.md` of 2025-Q2 is not in the QMS"
            ),
        ]
    );
    let rest = by_hand(&[("2025-Q2", "98.6%", Some("../outside.md"))]);
    let dir = qms_with(&rest, &[]);
    let (_, findings) = run(&dir, "2025-06-30");
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert!(findings[0].starts_with("OBJ006 qms.toml:"), "{findings:#?}");
}

#[test]
fn measurements_that_cannot_be_read() {
    let mut rest = by_hand(&[
        ("2025-03", "97%", Some(MARCH)),
        ("2025-Q1", "about 97", Some(MARCH)),
        ("2025-Q2", "98.6%", Some(JUNE)),
        ("2025-q2", "12", Some(JUNE)),
    ]);
    rest.push_str(&format!(
        "[[objective.measured]]\nperiod = \"2024-Q4\"\nevidence = \"{MARCH}\"\n[[objective.measured]]\nvalue = \"98%\"\nevidence = \"{MARCH}\"\n"
    ));
    let dir = qms_with(&rest, &[]);
    let (results, findings) = run(&dir, "2025-06-30");
    let month = toml_line(&rest, "period = \"2025-03\"");
    let about = toml_line(&rest, "about 97");
    let twice = toml_line(&rest, "period = \"2025-q2\"");
    assert_eq!(
        findings,
        [
            format!(
                "OBJ008 qms.toml:{month} objective `QO-03`: `2025-03` is not a period of this objective"
            ),
            format!(
                "OBJ008 qms.toml:{about} objective `QO-03`: the value `about 97` is not a number or a percentage"
            ),
            format!("OBJ008 qms.toml:{twice} objective `QO-03`: 2025-Q2 is measured twice"),
            format!(
                "OBJ008 qms.toml:{} objective `QO-03`: 2024-Q4 has no value",
                toml_line(&rest, "2024-Q4")
            ),
            format!(
                "OBJ008 qms.toml:{} objective `QO-03`: a measured value names no period",
                toml_line(&rest, "\"98%\"")
            ),
        ]
    );
    assert_eq!(
        results[0].value.map(|v| v.to_string()).as_deref(),
        Some("98.6%")
    );
}

#[test]
fn an_objective_is_measured_one_way() {
    let rest = format!(
        "{METRICS}{}[[objective.measured]]\nperiod = \"2025-Q2\"\nvalue = \"99%\"\nevidence = \"{JUNE}\"\n{}",
        objective("BOTH", "otif", ">= 60%", "quarter"),
        "\n[[objective]]\nid = \"BUILTIN\"\ntitle = \"x\"\nmetric = \"nonconformities.open\"\ntarget = \"= 0\"\nperiod = \"month\"\n",
    );
    let dir = qms_with(&rest, &[]);
    let (_, findings) = run(&dir, "2025-06-30");
    let both = toml_line(&rest, "metric = \"otif\"");
    let period = toml_line(&rest, "period = \"month\"");
    assert_eq!(
        findings,
        [
            format!(
                "OBJ001 qms.toml:{both} objective `BOTH` has both a metric and values measured by hand"
            ),
            format!(
                "OBJ001 qms.toml:{period} objective `BUILTIN`: `nonconformities.open` is a built-in metric, measured at the check date; it takes no `period`"
            ),
        ]
    );
}

#[test]
fn bad_metric_definitions_are_located_findings() {
    let rest = r#"
[[metric]]
name = "no_register"
register = "QR-99"
date = "promised"
kind = "count"

[[metric]]
name = "files_not_register"
register = "QR-01"
date = "promised"
kind = "count"

[[metric]]
name = "missing_column"
register = "QR-21"
date = "promised"
kind = "rate"
where = [{ column = "delivered_on", op = "<=", other = "promised" }]

[[metric]]
name = "sum_without_column"
register = "QR-21"
date = "promised"
kind = "sum"

[[metric]]
name = "rate_with_column"
register = "QR-21"
date = "promised"
kind = "rate"
column = "value"

[[metric]]
name = "two_tests"
register = "QR-21"
date = "promised"
kind = "count"
where = [{ column = "customer", value = "Hallam", in = ["Marston"] }]

[[metric]]
name = "op_with_list"
register = "QR-21"
date = "promised"
kind = "count"
where = [{ column = "customer", op = "<", in = ["Marston"] }]

[[metric]]
name = "actions.overdue"
register = "QR-21"
date = "promised"
kind = "count"

[[metric]]
name = "otif"
register = "QR-21"
date = "promised"
kind = "count"

[[metric]]
name = "otif"
register = "QR-21"
date = "promised_on"
kind = "count"

[[metric]]
name = "half_written"
kind = "count"

[[metric]]
register = "records/deliveries/delivery-log.csv"
date = "promised"
kind = "count"

[[objective]]
id = "USES-BROKEN"
title = "x"
metric = "missing_column"
target = ">= 98%"
period = "quarter"

[[objective]]
id = "USES-DEFINED"
title = "x"
metric = "otif"
target = "<= 100"
period = "quarter"

[[objective]]
id = "UNKNOWN"
title = "x"
metric = "ottif"
target = ">= 98%"
"#;
    let dir = qms_with(rest, &[]);
    let (results, findings) = run(&dir, "2025-06-30");
    let at = |needle: &str| toml_line(rest, needle);
    assert_eq!(
        findings,
        [
            format!(
                "OBJ007 qms.toml:{} metric `no_register`: `QR-99` is neither a record type id nor the path of a register in records.toml",
                at("QR-99")
            ),
            format!(
                "OBJ007 qms.toml:{} metric `files_not_register`: record type `QR-01` keeps files, not a register (`[record.register]`)",
                at("QR-01")
            ),
            format!(
                "OBJ007 qms.toml:{} metric `missing_column`: register `records/deliveries/delivery-log.csv` has no column `delivered_on`",
                at("delivered_on")
            ),
            format!(
                "OBJ007 qms.toml:{} metric `sum_without_column` is a sum and names no `column`",
                at("kind = \"sum\"")
            ),
            format!(
                "OBJ007 qms.toml:{} metric `rate_with_column` is a rate: `column` is only for a sum or a mean",
                at("column = \"value\"")
            ),
            format!(
                "OBJ007 qms.toml:{} metric `two_tests`: the condition on `customer` needs exactly one of `value`, `other`, `in`, `not_in`",
                at("value = \"Hallam\"")
            ),
            format!(
                "OBJ007 qms.toml:{} metric `op_with_list`: the condition on `customer` takes no `op` with `in` or `not_in`",
                at("op = \"<\"")
            ),
            format!(
                "OBJ007 qms.toml:{} `[[metric]]` `actions.overdue` has the name of a built-in metric",
                at("name = \"actions.overdue\"")
            ),
            format!(
                "OBJ007 qms.toml:{} `[[metric]]` `otif` is defined twice",
                toml_line(rest, "promised_on") - 2
            ),
            format!(
                "OBJ007 qms.toml:{} metric `half_written` has no `register`, `date`",
                at("half_written")
            ),
            format!(
                "OBJ007 qms.toml:{} a `[[metric]]` has no `name`",
                at("delivery-log.csv")
            ),
            format!(
                "OBJ002 qms.toml:{} objective `UNKNOWN` names unknown metric `ottif`",
                at("ottif")
            ),
        ]
    );
    // A metric defined (even wrongly) is not unknown; the first `otif`
    // counts: the rows of 2025-Q2.
    let defined = results.iter().find(|r| r.id == "USES-DEFINED").expect("it");
    assert_eq!(defined.value, Some(Measure::Count(8)));
    let broken = results.iter().find(|r| r.id == "USES-BROKEN").expect("it");
    assert_eq!((broken.value, broken.met), (None, None));
}

#[test]
fn cells_a_metric_cannot_read_are_warnings_at_their_lines() {
    let log = "note,customer,promised,delivered,ordered_qty,delivered_qty,value\nA,Hallam,2025-05-02,2025-05-01,1,1,10\nB,Hallam,31/05/2025,2025-05-01,1,1,10\nC,Hallam,2025-05-20,2025-05-21,1,1,n/a\n";
    let rest = format!(
        "{METRICS}{}{}",
        objective("OTIF", "otif", ">= 50%", "month"),
        objective("VALUE", "delivered_value", ">= 1", "month")
    );
    let dir = qms_with(&rest, &[("records/deliveries/delivery-log.csv", log)]);
    let (results, findings) = run(&dir, "2025-05-31");
    let csv = "records/deliveries/delivery-log.csv";
    assert_eq!(
        findings,
        [
            format!(
                "OBJ009 {csv}:3 `promised` is `31/05/2025`, which is not a date; the row is left out of the metric"
            ),
            format!(
                "OBJ009 {csv}:4 `value` is `n/a`, which is not a number; the row is left out of the metric"
            ),
        ]
    );
    // OTIF: A on time, C late (B has no date).
    assert_eq!(results[0].value, Some(Measure::Rate(0.5)));
    assert_eq!(results[1].value, Some(Measure::Number(10.0)));
}

#[test]
fn objective_results_read_back_from_json() {
    let rest = format!(
        "{METRICS}{}{}",
        objective("QO-02", "otif", ">= 60%", "quarter"),
        by_hand(&[("2025-Q2", "98.6%", Some(JUNE))])
    );
    let dir = qms_with(&rest, &[]);
    let (results, _) = run(&dir, "2025-06-30");
    let json = serde_json::to_string_pretty(&results).expect("serialises");
    let back: Vec<ObjectiveResult> = serde_json::from_str(&json).expect("reads back");
    assert_eq!(back, results);
    assert!(json.contains("\"label\": \"2025-Q2\""), "{json}");
}

#[test]
fn otif_from_the_delivery_register_as_a_workbook() {
    // The same register saved as .xlsx (dates as Excel dates, numbers as
    // numbers): the same values, period by period.
    let rest = format!(
        "{METRICS}{}",
        objective("QO-02", "otif", ">= 60%", "quarter")
    )
    .replace("delivery-log.csv", "delivery-log.xlsx");
    let dir = tree(&[
        ("qms.toml", format!("{HEAD}{rest}").as_str()),
        (
            "records.toml",
            &RECORDS.replace("delivery-log.csv", "delivery-log.xlsx"),
        ),
        ("records/kpi/2025-03-kpi-report.md", "# KPI March 2025\n"),
    ]);
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let day = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    for (r, line) in DELIVERIES.lines().enumerate() {
        for (c, cell) in line.split(',').enumerate() {
            let (r, c) = (r as u32, c as u16);
            if r > 0 && cell.len() == 10 && cell.as_bytes()[4] == b'-' {
                let d = rust_xlsxwriter::ExcelDateTime::parse_from_str(cell).expect("date");
                sheet
                    .write_datetime_with_format(r, c, &d, &day)
                    .expect("date cell");
            } else if let (true, Ok(n)) = (r > 0, cell.parse::<f64>()) {
                sheet.write_number(r, c, n).expect("number cell");
            } else if !cell.is_empty() {
                sheet.write_string(r, c, cell).expect("text cell");
            }
        }
    }
    let path = dir.path().join("records/deliveries/delivery-log.xlsx");
    std::fs::create_dir_all(path.parent().expect("folder")).expect("mkdir");
    book.save(&path).expect("saves");
    let (results, findings) = run(&dir, "2025-06-30");
    assert_eq!(findings, Vec::<String>::new());
    let r = &results[0];
    assert_eq!(r.value, Some(Measure::Rate(5.0 / 8.0)));
    assert_eq!(r.met, Some(true));
    assert_eq!(
        trend(r),
        [
            point("2024-Q3", None),
            point("2024-Q4", None),
            point("2025-Q1", Some("66.67%")),
            point("2025-Q2", Some("62.5%")),
        ]
    );
}
