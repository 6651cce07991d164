//! The report: every section present, user text escaped, no external asset,
//! both languages, user templates overriding the built-in ones, and a
//! template's missing field reported with its line.

use std::path::Path;

use qms_core::Date;
use qms_core::report::ReportContext;
use qms_report::{Format, Lang, ReportError, labels, render};

fn sample() -> ReportContext {
    let qms = qms_core::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../procedures"))
        .expect("sample loads");
    ReportContext::build(&qms, Date::from_ymd(2012, 6, 30).expect("date"))
}

#[test]
fn html_has_every_section_and_no_external_asset() {
    let html = render(&sample(), Format::Html, Lang::Vi, None).expect("renders");
    for id in [
        "objectives",
        "summary",
        "coverage",
        "documents",
        "records",
        "nonconformities",
        "audits",
        "reviews",
        "objectives-results",
        "dossiers",
        "findings",
        "conclusion",
    ] {
        assert!(
            html.contains(&format!("<section class=\"major\" id=\"{id}\">"))
                || html.contains(&format!("<section id=\"{id}\">"))
                || html.contains(&format!("<section class=\"first\" id=\"{id}\">")),
            "section {id} missing"
        );
    }
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<meta charset=\"utf-8\">"));
    assert!(html.contains("<svg"), "the dossier chart is inline SVG");
    assert!(
        html.contains("Sẵn sàng chứng nhận"),
        "the sample is ready for certification"
    );
    // self-contained: no script, no stylesheet or image fetched from anywhere
    assert!(!html.contains("<script"));
    for attr in ["src=\"", "href=\""] {
        for (i, _) in html.match_indices(attr) {
            let rest = &html[i + attr.len()..];
            assert!(
                !rest.starts_with("http") && !rest.starts_with("//"),
                "external asset at {}",
                &html[i..i + 60]
            );
        }
    }
    // the figures of the article
    assert!(html.contains("6.047") && html.contains("6.035"));
}

#[test]
fn user_text_is_escaped() {
    let mut r = sample();
    r.organisation.name = "<script>alert(1)</script> & Co".into();
    r.documents[0].title = "<b>bold</b>".into();
    let html = render(&r, Format::Html, Lang::En, None).expect("renders");
    assert!(!html.contains("<script>alert(1)</script>"));
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;&#x2F;script&gt; &amp; Co")
            || html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co"),
        "escaped name"
    );
    assert!(!html.contains("<b>bold</b>"));
}

#[test]
fn english_and_vietnamese() {
    let r = sample();
    let en = render(&r, Format::Markdown, Lang::En, None).expect("en");
    let vi = render(&r, Format::Markdown, Lang::Vi, None).expect("vi");
    assert!(en.starts_with("# Quality management system audit report"));
    assert!(vi.starts_with("# Báo cáo đánh giá hệ thống quản lý chất lượng"));
    assert!(
        en.contains("| **2012** | **0** | **6,047** | **6,047** | **6,035** |"),
        "{en}"
    );
    assert!(vi.contains("| **2012** | **0** | **6.047** | **6.047** | **6.035** |"));
    assert!(vi.contains("30/06/2012") && en.contains("2012-06-30"));
}

#[test]
fn translation_tables_have_the_same_keys() {
    let en: Vec<String> = labels(Lang::En, None).expect("en").into_keys().collect();
    let vi: Vec<String> = labels(Lang::Vi, None).expect("vi").into_keys().collect();
    assert_eq!(en, vi);
}

#[test]
fn a_template_directory_overrides_by_name() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("report.md"),
        "{{ r.organisation.name }}: {{ r.summary.errors }} {{ t.errors }}\n",
    )
    .expect("write");
    let md = render(&sample(), Format::Markdown, Lang::En, Some(dir.path())).expect("renders");
    assert_eq!(md, "UBND thị trấn Mỹ An: 0 Errors\n");
    // the HTML template is still the built-in one
    let html = render(&sample(), Format::Html, Lang::En, Some(dir.path())).expect("renders");
    assert!(html.contains("id=\"coverage\""));
}

#[test]
fn a_missing_field_names_the_template_and_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("report.md"),
        "# {{ r.organisation.name }}\n\n{{ r.organisation.nmae }}\n",
    )
    .expect("write");
    let err = render(&sample(), Format::Markdown, Lang::En, Some(dir.path())).expect_err("fails");
    let ReportError::Template { template, message } = &err else {
        panic!("{err}")
    };
    assert_eq!(template, "report.md");
    assert!(message.contains("nmae"), "{message}");
    assert!(
        message.contains(":3:") || message.contains("line 3") || message.contains("3 |"),
        "{message}"
    );
}

#[test]
fn a_report_read_back_from_json_renders_the_same() {
    let report = sample();
    let json = serde_json::to_string(&report).expect("serialises");
    let back: ReportContext = serde_json::from_str(&json).expect("deserialises");
    assert_eq!(serde_json::to_string(&back).expect("serialises"), json);
    for format in [Format::Html, Format::Markdown] {
        assert_eq!(
            render(&back, format, Lang::Vi, None).expect("renders"),
            render(&report, format, Lang::Vi, None).expect("renders")
        );
    }
}

#[test]
fn the_disposition_of_product_shows_only_when_there_is_one() {
    let moulder = qms_core::load(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/injection-moulding"),
    )
    .expect("the English sample loads");
    let r = ReportContext::build(&moulder, Date::from_ymd(2025, 6, 30).expect("date"));
    assert!(r.nonconforming_outputs);
    let md = render(&r, Format::Markdown, Lang::En, None).expect("md");
    assert!(
        md.contains("| closed 2025-05-16 | return to supplier, 8 bags; authorised by Tom Bradshaw 2025-02-04 | CA-2025-001 (corrective, done) |"),
        "{md}"
    );
    let html = render(&r, Format::Html, Lang::En, None).expect("html");
    assert!(html.contains("<th>Product disposition</th>"));
    assert!(html.contains(
        "<span class=\"pill s-scrap\">scrap</span> <span class=\"nowrap\">15,160 <span>clips</span></span><br><span class=\"muted\">authorised by <span>Tom Bradshaw</span>, 2024-10-22</span>"
    ));
    // the one-stop desk has no product: its table is as it was
    let desk = sample();
    assert!(!desk.nonconforming_outputs);
    for lang in [Lang::Vi, Lang::En] {
        let html = render(&desk, Format::Html, lang, None).expect("html");
        let md = render(&desk, Format::Markdown, lang, None).expect("md");
        for label in ["Xử lý sản phẩm không phù hợp", "Product disposition"] {
            assert!(!html.contains(label) && !md.contains(label));
        }
    }
}

/// The gauge fixture: one typed table register, one gauge overdue, one bad
/// cell.
fn gauges() -> ReportContext {
    let qms =
        qms_core::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/gauges"))
            .expect("fixture loads");
    ReportContext::build(&qms, Date::from_ymd(2012, 6, 30).expect("date"))
}

#[test]
fn the_registers_section_shows_only_with_table_registers() {
    for format in [Format::Html, Format::Markdown] {
        let text = render(&sample(), format, Lang::Vi, None).expect("renders");
        assert!(!text.contains("registers") && !text.contains("Các sổ theo dõi"));
    }
    let mut context = gauges();
    let md = render(&context, Format::Markdown, Lang::En, None).expect("renders");
    assert!(md.contains("## 10. Registers"), "{md}");
    assert!(md.contains("## 11. Findings of the check"));
    assert!(md.contains("## 12. Conclusion"));
    assert!(md.contains(
        "| QR-11 | Gauge register | records/calibration/gauge-register.csv | 4 | 1 | CAL-150-14: calibration 2012-05-15 (46 days overdue) |"
    ), "{md}");
    assert!(md.contains("| records/calibration/gauge-register.csv:3 |"));
    let html = render(&context, Format::Html, Lang::Vi, None).expect("renders");
    assert!(html.contains("<section id=\"registers\">"));
    assert!(html.contains("<h2>10. Các sổ theo dõi</h2>"));
    assert!(html.contains("15/05/2012 (46 ngày quá hạn)"), "{html}");
    // A finding in a workbook names its sheet and cell, or its row.
    context.errors[0].sheet = Some("Gauges".into());
    context.errors[1].sheet = Some("Gauges".into());
    context.errors[1].column = None;
    let md = render(&context, Format::Markdown, Lang::En, None).expect("renders");
    assert!(
        md.contains("| records/calibration/gauge-register.csv: Gauges!D3 |"),
        "{md}"
    );
    assert!(
        md.contains("| records/calibration/gauge-register.csv: Gauges!5:5 |"),
        "{md}"
    );
}

/// The English sample.
fn moulder() -> ReportContext {
    let qms = qms_core::load(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/injection-moulding"),
    )
    .expect("the English sample loads");
    ReportContext::build(&qms, Date::from_ymd(2025, 6, 30).expect("date"))
}

#[test]
fn text_in_the_other_language_is_marked_with_its_own() {
    let count = |html: &str, lang: &str| html.matches(&format!(" lang=\"{lang}\"")).count();
    let desk = sample();
    assert_eq!(desk.organisation.lang, "vi");
    // The Vietnamese desk in Vietnamese: its own text needs no mark; the
    // English keywords and the check's messages do.
    let vi = render(&desk, Format::Html, Lang::Vi, None).expect("vi");
    assert!(vi.contains("<html lang=\"vi\">"));
    assert_eq!(count(&vi, "vi"), 1, "only the root");
    assert!(vi.contains("<span class=\"pill s-closed\" lang=\"en\">closed</span>"));
    // In English, the desk's own text carries lang="vi", and nothing is
    // marked English but the root.
    let en = render(&desk, Format::Html, Lang::En, None).expect("en");
    assert!(en.contains("<html lang=\"en\">"));
    assert_eq!(count(&en, "en"), 1, "only the root");
    assert!(en.contains("<dd lang=\"vi\"><strong>UBND thị trấn Mỹ An</strong></dd>"));
    assert!(en.contains("<td lang=\"vi\">Quy trình kiểm soát tài liệu</td>"));
    assert!(en.contains("<span class=\"label\">Conclusion:</span> <span lang=\"vi\">Hệ thống quản lý chất lượng phù hợp"));
    // The English moulder: marked in Vietnamese, not in English.
    let m = moulder();
    assert_eq!(m.organisation.lang, "en");
    let mvi = render(&m, Format::Html, Lang::Vi, None).expect("vi");
    assert!(mvi.contains("<td lang=\"en\">Control of documents</td>"));
    let men = render(&m, Format::Html, Lang::En, None).expect("en");
    assert_eq!((count(&men, "en"), count(&men, "vi")), (1, 0));
}

#[test]
fn html_structure_that_validates_and_prints() {
    let html = render(&sample(), Format::Html, Lang::En, None).expect("renders");
    // One <main> holding every section, between the cover and the footer.
    assert_eq!(html.matches("<main>").count(), 1);
    let main = &html[html.find("<main>").expect("main")..html.find("</main>").expect("end")];
    assert!(
        main.contains("<section class=\"first\" id=\"objectives\">")
            && main.contains("<section id=\"conclusion\">")
    );
    assert!(!main.contains("<header") && !main.contains("<footer"));
    // The chart's caption is the figure's last child (the Nu checker
    // rejects flow content after it).
    let figure =
        &html[html.find("<figure>").expect("figure")..html.find("</figure>").expect("end")];
    assert!(figure.trim_end().ends_with("</figcaption>"), "{figure}");
    // Print: headings kept with what follows, rows and audits whole, an
    // audit's conclusion in a full-width row under it.
    assert!(html.contains("h1, h2, h3 { page-break-after: avoid; break-after: avoid; }"));
    assert!(html.contains("tr, tbody.item { page-break-inside: avoid; break-inside: avoid; }"));
    assert!(html.contains("@page { size: A4;"));
    let audits = &html[html.find("<table class=\"audits\">").expect("audits")..];
    let audits = &audits[..audits.find("</table>").expect("end")];
    assert_eq!(
        audits.matches("<th>").count() + audits.matches("<th class=\"num\">").count(),
        5
    );
    assert_eq!(
        audits.matches("<tbody class=\"item\">").count(),
        sample().audits.len()
    );
    assert!(audits.contains(
        "<tr class=\"under\"><td colspan=\"5\"><span class=\"label\">Conclusion:</span>"
    ));
}
