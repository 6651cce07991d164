//! `qms new`: a new nonconformity, action, audit, review or document file,
//! with the next free id, from a template that loads without findings of its
//! own format.
//!
//! Ids run per kind and year: `NC-2012-004`, `HD-2012-005`, `DGNB-2012-02`,
//! `XXLD-2012-02`; documents take the next `QT-NN`. A file that does not
//! parse still holds its number (its name starts with the id). The file is
//! returned, not written: the caller writes it only if no file of that name
//! exists.

use crate::base::date::Date;
use crate::load::Qms;
use crate::scaffold::file::NewFile;

/// The seven section headings of a Vietnamese administrative procedure, as
/// the templates write them.
pub const PROCEDURE_SECTIONS_VI: [&str; 7] = [
    "1. Mục đích",
    "2. Phạm vi",
    "3. Tài liệu viện dẫn",
    "4. Định nghĩa và viết tắt",
    "5. Nội dung quy trình",
    "6. Biểu mẫu",
    "7. Hồ sơ cần lưu",
];

/// What kind of file to create.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewKind {
    /// A nonconformity.
    Nonconformity,
    /// An action.
    Action,
    /// An internal audit.
    Audit,
    /// A management review.
    Review,
    /// A controlled document (a draft procedure).
    Document,
}

impl NewKind {
    fn folder(self) -> &'static str {
        match self {
            NewKind::Nonconformity => "nonconformities",
            NewKind::Action => "actions",
            NewKind::Audit => "audits",
            NewKind::Review => "reviews",
            NewKind::Document => "documents",
        }
    }

    /// The id prefix and number width; `None` year for documents.
    fn pattern(self, year: i32) -> (String, usize) {
        match self {
            NewKind::Nonconformity => (format!("NC-{year}-"), 3),
            NewKind::Action => (format!("HD-{year}-"), 3),
            NewKind::Audit => (format!("DGNB-{year}-"), 2),
            NewKind::Review => (format!("XXLD-{year}-"), 2),
            NewKind::Document => ("QT-".to_string(), 2),
        }
    }
}

/// The next free id of a kind in `qms`, in the year of `as_of`.
pub fn next_id(qms: &Qms, kind: NewKind, as_of: Date) -> String {
    let (prefix, width) = kind.pattern(as_of.year());
    let mut taken: Vec<String> = match kind {
        NewKind::Nonconformity => qms
            .nonconformities
            .iter()
            .map(|n| n.id.get().clone())
            .collect(),
        NewKind::Action => qms.actions.iter().map(|a| a.id.get().clone()).collect(),
        NewKind::Audit => qms.audits.iter().map(|a| a.id.get().clone()).collect(),
        NewKind::Review => qms.reviews.iter().map(|r| r.id.get().clone()).collect(),
        NewKind::Document => qms
            .documents
            .iter()
            .filter_map(|d| d.id().map(str::to_string))
            .collect(),
    };
    // Files that did not parse still hold their id in their name.
    let folder = format!("{}/", kind.folder());
    taken.extend(
        qms.files
            .iter()
            .filter_map(|f| f.strip_prefix(&folder))
            .map(|f| f.rsplit('/').next().unwrap_or(f).to_string()),
    );
    let max = taken
        .iter()
        .filter_map(|id| id.strip_prefix(&prefix))
        .filter_map(|rest| {
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            digits.parse::<u32>().ok()
        })
        .max()
        .unwrap_or(0);
    format!("{prefix}{:0width$}", max + 1)
}

/// The new file of a kind for `qms`: the next free id, its path (relative,
/// with `/`) and its text from the template, dated `as_of`.
pub fn new_file(qms: &Qms, kind: NewKind, as_of: Date) -> NewFile {
    let id = next_id(qms, kind, as_of);
    match kind {
        NewKind::Document => NewFile::new(format!("documents/{id}.md"), document(&id, as_of)),
        _ => NewFile::new(
            format!("{}/{id}.toml", kind.folder()),
            record(kind, &id, as_of),
        ),
    }
}

fn record(kind: NewKind, id: &str, d: Date) -> String {
    match kind {
        NewKind::Nonconformity => format!(
            r#"id = "{id}"
title = "Mô tả ngắn sự không phù hợp"
raised = {d}
raised_by = "Người phát hiện"
source = "process"           # internal-audit, external-audit, complaint, late-dossier, kpi, management-review, process
grade = "minor"              # major, minor, observation, ofi
clauses = []
documents = []
description = "Yêu cầu, bằng chứng và sự sai lệch"
correction = "Khắc phục tức thời đã làm"
status = "open"              # open, analysis, action, verification, closed, rejected

# [root_cause]
# method = "5-why"
# whys = ["Vì sao 1", "Vì sao 2"]
# cause = "Nguyên nhân gốc"

# [effectiveness]
# method = "Cách xác nhận hiệu lực"
# due = {d}
# verified_by = "Người xác nhận (không phải người thực hiện hành động)"
# verified_on = {d}
# result = "effective"
# evidence = ["records/..."]
"#
        ),
        NewKind::Action => format!(
            r#"id = "{id}"
kind = "corrective"          # correction, corrective, preventive, improvement
nonconformities = []
description = "Việc cần làm"
owner = "Người thực hiện"
due = {d}
status = "planned"           # planned, in-progress, done, cancelled
# done_on = {d}
evidence = []
"#
        ),
        NewKind::Audit => format!(
            r#"id = "{id}"
kind = "internal"
start = {d}
end = {d}
lead_auditor = "Trưởng đoàn đánh giá"
auditors = []
auditees = []
objectives = "Mục tiêu cuộc đánh giá"
criteria = "Chuẩn mực đánh giá (tiêu chuẩn, tài liệu HTQLCL)"
scope = []                   # ids of the documents audited
conclusion = "Kết luận"

# [[finding]]
# grade = "conformity"       # conformity, good-practice, major, minor, observation, ofi
# clause = "7.5"
# document = "QT-01"
# evidence = "Bằng chứng"
# nonconformity = "NC-..."
"#
        ),
        NewKind::Review => format!(
            r#"id = "{id}"
date = {d}
chair = "Chủ trì"
attendees = []

[inputs]
previous_actions = "a) Tình trạng các hành động từ lần xem xét trước"
context_changes = "b) Thay đổi các vấn đề bên ngoài và nội bộ"
performance = "c) Kết quả thực hiện và hiệu lực của HTQLCL"
resources = "d) Sự đầy đủ của nguồn lực"
risks_and_opportunities = "e) Hiệu lực của các hành động giải quyết rủi ro và cơ hội"
improvement_opportunities = "f) Cơ hội cải tiến"

# [[output]]
# kind = "improvement"       # improvement, change, resources
# decision = "Quyết định"
# action = "HD-..."
"#
        ),
        NewKind::Document => String::new(),
    }
}

fn document(id: &str, d: Date) -> String {
    format!(
        r#"+++
id = "{id}"
title = "Tên quy trình"
kind = "procedure"
revision = 1
issued = {d}
status = "draft"
owner = "Người chịu trách nhiệm"
prepared_by = "Người soạn thảo"
reviewed_by = "Người xem xét"
clauses = []
records = []
references = []

[[history]]
revision = 1
date = {d}
change = "Ban hành lần đầu"
+++
{sections}"#,
        sections = PROCEDURE_SECTIONS_VI
            .iter()
            .map(|s| format!("\n## {s}\n"))
            .collect::<String>()
    )
}
