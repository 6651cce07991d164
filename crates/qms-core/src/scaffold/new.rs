//! `qms new`: a new nonconformity, action, audit, review or document file,
//! with the next free id, from a template that loads without findings of its
//! own format.
//!
//! Ids run per kind and year: `NC-2012-004`, `HD-2012-005`, `DGNB-2012-02`,
//! `XXLD-2012-02`; documents take the next `QT-NN`. The file is written to a
//! temporary file in the target folder and moved into place only if no file
//! of that name exists: nothing is ever overwritten.

use std::path::{Path, PathBuf};

use crate::base::date::Date;

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

/// Why a new file could not be written.
#[derive(Debug, thiserror::Error)]
pub enum NewError {
    /// The folder could not be created or written.
    #[error("cannot write into {path}")]
    Io {
        /// The folder or file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The directory could not be read to find the next id.
    #[error(transparent)]
    Load(#[from] crate::load::LoadError),
    /// `qms init` into a directory that already holds a QMS.
    #[error("{0} already holds a qms.toml; qms init never overwrites")]
    AlreadyAQms(PathBuf),
}

/// The next free id of a kind in the QMS directory at `root`.
pub fn next_id(root: &Path, kind: NewKind, as_of: Date) -> Result<String, NewError> {
    let qms = crate::load::load(root)?;
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
    Ok(format!("{prefix}{:0width$}", max + 1))
}

/// Creates the file and returns its path (relative to `root`, with `/`).
pub fn create(root: &Path, kind: NewKind, as_of: Date) -> Result<String, NewError> {
    let id = next_id(root, kind, as_of)?;
    let (rel, text) = match kind {
        NewKind::Document => (format!("documents/{id}.md"), document(&id, as_of)),
        _ => (
            format!("{}/{id}.toml", kind.folder()),
            record(kind, &id, as_of),
        ),
    };
    write_new(root, &rel, &text)?;
    Ok(rel)
}

/// Writes `root/rel` through a temporary file in its folder, only if no file
/// of that name exists.
pub(crate) fn write_new(root: &Path, rel: &str, text: &str) -> Result<(), NewError> {
    let target = root.join(rel);
    let dir = target
        .parent()
        .map_or_else(|| root.to_path_buf(), Path::to_path_buf);
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| NewError::Io { path, source }
    };
    std::fs::create_dir_all(&dir).map_err(io(&dir))?;
    let mut tmp = tempfile::NamedTempFile::new_in(&dir).map_err(io(&dir))?;
    std::io::Write::write_all(&mut tmp, text.as_bytes()).map_err(io(&target))?;
    tmp.persist_noclobber(&target).map_err(|e| NewError::Io {
        path: target,
        source: e.error,
    })?;
    Ok(())
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
