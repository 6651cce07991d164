//! The text of the files `qms new` writes, in English and in Vietnamese.
//!
//! Each template loads without findings of its own format. The ids in the
//! commented examples follow the QMS's own prefixes ([`Examples`]), so a
//! house that writes `CA-...` sees `CA-...` in its templates.

use crate::base::date::Date;
use crate::model::Language;

/// The seven section headings of a Vietnamese administrative procedure, as
/// the templates write them.
pub(crate) const PROCEDURE_SECTIONS_VI: [&str; 7] = [
    "1. Mục đích",
    "2. Phạm vi",
    "3. Tài liệu viện dẫn",
    "4. Định nghĩa và viết tắt",
    "5. Nội dung quy trình",
    "6. Biểu mẫu",
    "7. Hồ sơ cần lưu",
];

/// The section headings of an English procedure: those of the `en-basic`
/// set (Purpose, Scope, Responsibilities, Procedure, Records) and the
/// references, definitions and forms most houses add.
pub(crate) const PROCEDURE_SECTIONS_EN: [&str; 8] = [
    "1. Purpose",
    "2. Scope",
    "3. Responsibilities",
    "4. References",
    "5. Definitions",
    "6. Procedure",
    "7. Forms",
    "8. Records",
];

/// The procedure sections of a language, and which of them holds the
/// procedure's content.
pub(crate) fn procedure_sections(lang: Language) -> (&'static [&'static str], usize) {
    match lang {
        Language::Vi => (&PROCEDURE_SECTIONS_VI, 4),
        Language::En => (&PROCEDURE_SECTIONS_EN, 5),
    }
}

/// The ids the commented examples of a template show, in the QMS's own
/// prefixes: a procedure (`P-01`), a nonconformity and an action (`NC-`,
/// `CA-`, completed by `...`).
pub(crate) struct Examples {
    pub(crate) procedure: String,
    pub(crate) nc: String,
    pub(crate) action: String,
}

/// A new nonconformity.
pub(crate) fn nonconformity(lang: Language, id: &str, d: Date) -> String {
    let w = match lang {
        Language::Vi => [
            "Mô tả ngắn sự không phù hợp",
            "Người phát hiện",
            "Yêu cầu, bằng chứng và sự sai lệch",
            "Khắc phục tức thời đã làm",
            "Vì sao 1",
            "Vì sao 2",
            "Nguyên nhân gốc",
            "Cách xác nhận hiệu lực",
            "Người xác nhận (không phải người thực hiện hành động)",
            "Sản phẩm không phù hợp (8.7): cách xử lý, số lượng, người và ngày phê duyệt",
            "Người phê duyệt cách xử lý",
        ],
        Language::En => [
            "Short description of the nonconformity",
            "Who found it",
            "The requirement, the evidence and what deviated from it",
            "The immediate correction made",
            "Why 1",
            "Why 2",
            "Root cause",
            "How effectiveness is verified",
            "Who verifies (not the owner of an action)",
            "A nonconforming product (8.7): what was done with it, how many, who authorised it and when",
            "Who authorised the disposition",
        ],
    };
    format!(
        r#"id = "{id}"
title = "{}"
raised = {d}
raised_by = "{}"
source = "process"           # internal-audit, external-audit, complaint, late-dossier, kpi, management-review, process, supplier, goods-in, in-process, final-inspection, customer-return, customer-complaint
grade = "minor"              # major, minor, observation, ofi
clauses = []
documents = []
description = "{}"
correction = "{}"
status = "open"              # open, analysis, action, verification, closed, rejected

# {}
# disposition = "rework"     # rework, repair, scrap, use-as-is, concession, return-to-supplier, regrade
# quantity = 1
# unit = "pcs"
# authorised_by = "{}"
# authorised_on = {d}

# [root_cause]
# method = "5-why"
# whys = ["{}", "{}"]
# cause = "{}"

# [effectiveness]
# method = "{}"
# due = {d}
# verified_by = "{}"
# verified_on = {d}
# result = "effective"
# evidence = ["records/..."]
"#,
        w[0], w[1], w[2], w[3], w[9], w[10], w[4], w[5], w[6], w[7], w[8]
    )
}

/// A new action, answering `answers` when given.
pub(crate) fn action(lang: Language, id: &str, d: Date, answers: Option<&str>) -> String {
    let nonconformities = list(answers);
    let (what, who) = match lang {
        Language::Vi => ("Việc cần làm", "Người thực hiện"),
        Language::En => ("What is to be done", "Who does it"),
    };
    format!(
        r#"id = "{id}"
kind = "corrective"          # correction, corrective, preventive, improvement
nonconformities = [{nonconformities}]
description = "{what}"
owner = "{who}"
due = {d}
status = "planned"           # planned, in-progress, done, cancelled
# done_on = {d}
evidence = []
"#
    )
}

/// A new internal audit of the documents in `scope`.
pub(crate) fn audit(lang: Language, id: &str, d: Date, scope: &[&str], ex: &Examples) -> String {
    let scope = format!("scope = [{}]", list(scope.iter().copied()));
    let w = match lang {
        Language::Vi => [
            "Trưởng đoàn đánh giá",
            "Mục tiêu cuộc đánh giá",
            "Chuẩn mực đánh giá (tiêu chuẩn, tài liệu HTQLCL)",
            "Kết luận",
            "Bằng chứng",
        ],
        Language::En => [
            "Lead auditor",
            "Objectives of the audit",
            "Audit criteria (the standard, the QMS documents)",
            "Conclusion",
            "Evidence",
        ],
    };
    format!(
        r#"id = "{id}"
kind = "internal"
start = {d}
end = {d}
lead_auditor = "{}"
auditors = []
auditees = []
objectives = "{}"
criteria = "{}"
{scope:<28} # ids of the documents audited
conclusion = "{}"

# [[finding]]
# grade = "conformity"       # conformity, good-practice, major, minor, observation, ofi
# clause = "7.5"
# document = "{}"
# evidence = "{}"
# nonconformity = "{}"
"#,
        w[0], w[1], w[2], w[3], ex.procedure, w[4], ex.nc
    )
}

/// A new management review.
pub(crate) fn review(lang: Language, id: &str, d: Date, ex: &Examples) -> String {
    let w = match lang {
        Language::Vi => [
            "Chủ trì",
            "a) Tình trạng các hành động từ lần xem xét trước",
            "b) Thay đổi các vấn đề bên ngoài và nội bộ",
            "c) Kết quả thực hiện và hiệu lực của HTQLCL",
            "d) Sự đầy đủ của nguồn lực",
            "e) Hiệu lực của các hành động giải quyết rủi ro và cơ hội",
            "f) Cơ hội cải tiến",
            "Quyết định",
        ],
        Language::En => [
            "Chair",
            "a) Status of actions from previous management reviews",
            "b) Changes in external and internal issues",
            "c) Performance and effectiveness of the QMS",
            "d) Adequacy of resources",
            "e) Effectiveness of actions taken to address risks and opportunities",
            "f) Opportunities for improvement",
            "Decision",
        ],
    };
    format!(
        r#"id = "{id}"
date = {d}
chair = "{}"
attendees = []

[inputs]
previous_actions = "{}"
context_changes = "{}"
performance = "{}"
resources = "{}"
risks_and_opportunities = "{}"
improvement_opportunities = "{}"

# [[output]]
# kind = "improvement"       # improvement, change, resources
# decision = "{}"
# action = "{}"
"#,
        w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7], ex.action
    )
}

/// A new draft procedure, with the section headings of its language.
pub(crate) fn procedure(lang: Language, id: &str, d: Date) -> String {
    let w = match lang {
        Language::Vi => [
            "Tên quy trình",
            "Người chịu trách nhiệm",
            "Người soạn thảo",
            "Người xem xét",
            "Ban hành lần đầu",
        ],
        Language::En => [
            "Title of the procedure",
            "Who is responsible for it",
            "Who drafts it",
            "Who reviews it",
            "First issue",
        ],
    };
    let sections: String = procedure_sections(lang)
        .0
        .iter()
        .map(|s| format!("\n## {s}\n"))
        .collect();
    format!(
        r#"+++
id = "{id}"
title = "{}"
kind = "procedure"
revision = 1
issued = {d}
status = "draft"
owner = "{}"
prepared_by = "{}"
reviewed_by = "{}"
clauses = []
records = []
references = []

[[history]]
revision = 1
date = {d}
change = "{}"
+++
{sections}"#,
        w[0], w[1], w[2], w[3], w[4]
    )
}

/// Ids as the items of a TOML array: `"P-01", "P-02"`.
fn list<'a>(ids: impl IntoIterator<Item = &'a str>) -> String {
    ids.into_iter()
        .map(|id| format!("\"{id}\""))
        .collect::<Vec<_>>()
        .join(", ")
}
