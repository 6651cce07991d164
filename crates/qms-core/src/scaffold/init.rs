//! `qms init`: the files of a new QMS directory that passes `qms check` from
//! day one.
//!
//! They are qms.toml, the quality policy, the quality objectives, a quality
//! manual holding the scope and the processes, and the document-control
//! procedure, all current and approved on the given date. A new QMS has no
//! records, internal audit or management review yet: qms.toml sets those
//! three rules (CLS001, AUD001, MR001) to `warning`, so the check passes and
//! its warnings are the officer's list of what to build; the comments say to
//! raise them back to `error` once the first cycle is done. The files are
//! returned, not written: the caller refuses a directory that already has a
//! qms.toml and never overwrites a file.

use crate::base::date::Date;
use crate::scaffold::file::NewFile;
use crate::scaffold::new::PROCEDURE_SECTIONS_VI;

/// The language of the files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InitLang {
    /// Vietnamese (the Vietnamese administrative template and calendar).
    Vi,
    /// English (weekends-only calendar).
    En,
}

struct Words {
    org: &'static str,
    scope: &'static str,
    owner: &'static str,
    approver: &'static str,
    first: &'static str,
    policy: (&'static str, &'static str),
    objectives: (&'static str, &'static str),
    manual: (&'static str, &'static str),
    procedure: (&'static str, [&'static str; 7], &'static str),
    objective: &'static str,
    checks_comment: &'static str,
}

const VI: Words = Words {
    org: "Tên cơ quan, tổ chức",
    scope: "Tiếp nhận và trả kết quả giải quyết thủ tục hành chính theo cơ chế một cửa (ghi rõ các lĩnh vực)",
    owner: "Cán bộ phụ trách ISO",
    approver: "Thủ trưởng cơ quan",
    first: "Ban hành lần đầu",
    policy: (
        "Chính sách chất lượng",
        "Cam kết của lãnh đạo: phục vụ tổ chức, công dân đúng pháp luật, đúng hẹn, và không ngừng cải tiến hệ thống quản lý chất lượng.",
    ),
    objectives: (
        "Mục tiêu chất lượng",
        "| Mục tiêu | Chỉ số | Chỉ tiêu |\\n|---|---|---|\\n| Không còn sự không phù hợp nặng chưa khắc phục | nonconformities.open_major | = 0 |",
    ),
    manual: (
        "Sổ tay chất lượng",
        "## Phạm vi và ngoại lệ\\n\\nGhi phạm vi của hệ thống và lý do của từng yêu cầu không áp dụng.\\n\\n## Các quá trình và sự tương tác\\n\\nLiệt kê các quy trình, thủ tục hành chính và trình tự giải quyết.",
    ),
    procedure: (
        "Kiểm soát thông tin dạng văn bản",
        PROCEDURE_SECTIONS_VI,
        "Soạn thảo, xem xét, phê duyệt, ban hành, cập nhật và thu hồi tài liệu; lưu giữ và hủy hồ sơ.",
    ),
    objective: "Không còn sự không phù hợp nặng chưa khắc phục",
    checks_comment: "# Hệ thống mới chưa có hồ sơ, đánh giá nội bộ, xem xét của lãnh đạo:\n# các quy tắc này tạm ở mức cảnh báo. Đặt lại \"error\" sau chu kỳ đầu tiên.",
};

const EN: Words = Words {
    org: "Name of the organisation",
    scope: "What the QMS covers: the services, sites and processes",
    owner: "Quality officer",
    approver: "Head of the organisation",
    first: "First issue",
    policy: (
        "Quality policy",
        "Management's commitment: lawful, on-time service to every customer, and continual improvement of the quality management system.",
    ),
    objectives: (
        "Quality objectives",
        "| Objective | Metric | Target |\\n|---|---|---|\\n| No open major nonconformity | nonconformities.open_major | = 0 |",
    ),
    manual: (
        "Quality manual",
        "## Scope and exclusions\\n\\nState the scope of the QMS and justify every requirement that does not apply.\\n\\n## Processes and their interaction\\n\\nList the processes, their sequence and how they interact.",
    ),
    procedure: (
        "Control of documented information",
        [
            "1. Purpose",
            "2. Scope",
            "3. References",
            "4. Definitions",
            "5. Procedure",
            "6. Forms",
            "7. Records",
        ],
        "Drafting, review, approval, issue, update and withdrawal of documents; retention and disposal of records.",
    ),
    objective: "No open major nonconformity",
    checks_comment: "# A new QMS has no records, internal audit or management review yet:\n# these rules are warnings for now. Set them back to \"error\" after the first cycle.",
};

fn document(
    w: &Words,
    id: &str,
    kind: &str,
    title: &str,
    clauses: &str,
    body: &str,
    d: Date,
) -> String {
    let next = Date::from_naive(
        d.naive()
            .checked_add_months(chrono::Months::new(12))
            .unwrap_or(d.naive()),
    );
    format!(
        "+++\nid = \"{id}\"\ntitle = \"{title}\"\nkind = \"{kind}\"\nrevision = 1\nissued = {d}\nstatus = \"current\"\nowner = \"{owner}\"\nprepared_by = \"{owner}\"\napproved_by = \"{approver}\"\napproved_on = {d}\nnext_review = {next}\nclauses = [{clauses}]\n\n[[history]]\nrevision = 1\ndate = {d}\nchange = \"{first}\"\n+++\n\n# {title}\n\n{body}\n",
        owner = w.owner,
        approver = w.approver,
        first = w.first,
        body = body.replace("\\n", "\n"),
    )
}

/// The files of a new QMS whose documents are issued and approved on
/// `as_of`, in the order to write them (qms.toml first).
pub fn init(lang: InitLang, as_of: Date) -> Vec<NewFile> {
    let (w, code) = match lang {
        InitLang::Vi => (&VI, "vi"),
        InitLang::En => (&EN, "en"),
    };
    let calendar = if lang == InitLang::Vi {
        "[calendar]\ncountry = \"VN\"\n\n"
    } else {
        ""
    };
    let qms = format!(
        "[organisation]\nname = \"{org}\"\n\n[scope]\nstatement = \"{scope}\"\nprofile = \"iso9001:2015\"\nnot_applicable = []\n\n{calendar}[audit_programme]\ncycle_months = 12\n\n[management_review]\nevery_months = 12\n\n[[objective]]\nid = \"MT-01\"\ntitle = \"{objective}\"\nmetric = \"nonconformities.open_major\"\ntarget = \"= 0\"\n\n{comment}\n[checks]\nCLS001 = \"warning\"\nAUD001 = \"warning\"\nMR001 = \"warning\"\n\n[report]\nlang = \"{code}\"\n",
        org = w.org,
        scope = w.scope,
        objective = w.objective,
        comment = w.checks_comment,
    );
    let (ptitle, sections, content) = w.procedure;
    let mut body = String::new();
    for (i, s) in sections.iter().enumerate() {
        body.push_str(&format!("## {s}\n\n"));
        if i == 4 {
            body.push_str(content);
            body.push_str("\n\n");
        }
    }
    let files = [
        ("qms.toml", qms),
        (
            "documents/CSCL-chinh-sach-chat-luong.md",
            document(
                w, "CSCL", "policy", w.policy.0, "\"5.2\"", w.policy.1, as_of,
            ),
        ),
        (
            "documents/MTCL-muc-tieu-chat-luong.md",
            document(
                w,
                "MTCL",
                "plan",
                w.objectives.0,
                "\"6.2\"",
                w.objectives.1,
                as_of,
            ),
        ),
        (
            "documents/STCL-so-tay-chat-luong.md",
            document(
                w,
                "STCL",
                "manual",
                w.manual.0,
                "\"4.3\", \"4.4\", \"8.5.1\"",
                w.manual.1,
                as_of,
            ),
        ),
        (
            "documents/QT-01-kiem-soat-tai-lieu.md",
            document(
                w,
                "QT-01",
                "procedure",
                ptitle,
                "\"7.5\"",
                body.trim_end(),
                as_of,
            ),
        ),
        (
            "records.toml",
            "# The records control list: one [[record]] per type of record (docs/formats.md).\n"
                .into(),
        ),
    ];
    files
        .into_iter()
        .map(|(path, text)| NewFile::new(path, text))
        .collect()
}
