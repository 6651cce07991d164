//! `qms init`: the files of a new QMS directory that passes `qms check` from
//! day one, in the language asked for.
//!
//! They are qms.toml (with `[organisation] lang`), the quality policy, a
//! quality manual holding the scope and the processes, the quality
//! objectives and the document-control procedure, all current and approved on the
//! given date, with the language's ids and file names: `POL-01`, `QM-01`,
//! `QM-02`, `P-01` and objective `OBJ-01` in English; `CSCL`, `STCL`,
//! `MTCL`, `QT-01` and `MT-01` in Vietnamese. A new QMS has no records,
//! internal audit or management review yet: qms.toml sets those three rules
//! (CLS001, AUD001, MR001) to `warning`, so the check passes and its
//! warnings are the officer's list of what to build; the comments say to
//! raise them back to `error` once the first cycle is done. The files are
//! returned, not written: the caller refuses a directory that already has a
//! qms.toml and never overwrites a file.

use crate::base::date::Date;
pub use crate::model::Language as InitLang;
use crate::model::Language;
use crate::scaffold::file::NewFile;
use crate::scaffold::ids::{IdKind, default_prefix, first_id};
use crate::scaffold::templates::procedure_sections;

/// A document init writes: its title, its body, and the end of its file
/// name.
type Doc = (&'static str, &'static str, &'static str);

struct Words {
    sections: &'static str,
    org: &'static str,
    scope: &'static str,
    owner: &'static str,
    approver: &'static str,
    first: &'static str,
    policy: Doc,
    objectives: Doc,
    objectives_id: &'static str,
    manual: Doc,
    manual_id: &'static str,
    procedure: Doc,
    objective: &'static str,
    checks_comment: &'static str,
}

const VI: Words = Words {
    sections: "vn-admin",
    org: "Tên cơ quan, tổ chức",
    scope: "Tiếp nhận và trả kết quả giải quyết thủ tục hành chính theo cơ chế một cửa (ghi rõ các lĩnh vực)",
    owner: "Cán bộ phụ trách ISO",
    approver: "Thủ trưởng cơ quan",
    first: "Ban hành lần đầu",
    policy: (
        "Chính sách chất lượng",
        "Cam kết của lãnh đạo: phục vụ tổ chức, công dân đúng pháp luật, đúng hẹn, và không ngừng cải tiến hệ thống quản lý chất lượng.",
        "chinh-sach-chat-luong",
    ),
    objectives: (
        "Mục tiêu chất lượng",
        "| Mục tiêu | Chỉ số | Chỉ tiêu |\\n|---|---|---|\\n| Không còn sự không phù hợp nặng chưa khắc phục | nonconformities.open_major | = 0 |",
        "muc-tieu-chat-luong",
    ),
    objectives_id: "MTCL",
    manual: (
        "Sổ tay chất lượng",
        "## Phạm vi và ngoại lệ\\n\\nGhi phạm vi của hệ thống và lý do của từng yêu cầu không áp dụng.\\n\\n## Các quá trình và sự tương tác\\n\\nLiệt kê các quy trình, thủ tục hành chính và trình tự giải quyết.",
        "so-tay-chat-luong",
    ),
    manual_id: "STCL",
    procedure: (
        "Kiểm soát thông tin dạng văn bản",
        "Soạn thảo, xem xét, phê duyệt, ban hành, cập nhật và thu hồi tài liệu; lưu giữ và hủy hồ sơ.",
        "kiem-soat-tai-lieu",
    ),
    objective: "Không còn sự không phù hợp nặng chưa khắc phục",
    checks_comment: "# Hệ thống mới chưa có hồ sơ, đánh giá nội bộ, xem xét của lãnh đạo:\n# các quy tắc này tạm ở mức cảnh báo. Đặt lại \"error\" sau chu kỳ đầu tiên.",
};

const EN: Words = Words {
    sections: "en-basic",
    org: "Name of the organisation",
    scope: "What the QMS covers: the products and services, sites and processes",
    owner: "Quality officer",
    approver: "Head of the organisation",
    first: "First issue",
    policy: (
        "Quality policy",
        "Management's commitment: products and services that meet customer and legal requirements, on time, and continual improvement of the quality management system.",
        "quality-policy",
    ),
    objectives: (
        "Quality objectives",
        "| Objective | Metric | Target |\\n|---|---|---|\\n| No open major nonconformity | nonconformities.open_major | = 0 |",
        "quality-objectives",
    ),
    objectives_id: "QM-02",
    manual: (
        "Quality manual",
        "## Scope and exclusions\\n\\nState the scope of the QMS and justify every requirement that does not apply.\\n\\n## Processes and their interaction\\n\\nList the processes, their sequence and how they interact.",
        "quality-manual",
    ),
    manual_id: "QM-01",
    procedure: (
        "Control of documented information",
        "Drafting, review, approval, issue, update and withdrawal of documents; retention and disposal of records.",
        "document-control",
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

/// qms.toml of a new QMS; `[documents] sections` names the set its
/// procedure template follows (`en-basic` or `vn-admin`).
fn qms_toml(w: &Words, lang: Language) -> String {
    let calendar = if lang == Language::Vi {
        "[calendar]\ncountry = \"VN\"\n\n"
    } else {
        ""
    };
    let sections = format!("[documents]\nsections = \"{}\"\n\n", w.sections);
    format!(
        "[organisation]\nname = \"{org}\"\nlang = \"{code}\"\n\n[scope]\nstatement = \"{scope}\"\nprofile = \"iso9001:2015\"\nnot_applicable = []\n\n{sections}{calendar}[audit_programme]\ncycle_months = 12\n\n[management_review]\nevery_months = 12\n\n[[objective]]\nid = \"{objective_id}\"\ntitle = \"{objective}\"\nmetric = \"nonconformities.open_major\"\ntarget = \"= 0\"\n\n{comment}\n[checks]\nCLS001 = \"warning\"\nAUD001 = \"warning\"\nMR001 = \"warning\"\n",
        org = w.org,
        code = lang.code(),
        scope = w.scope,
        objective_id = first_id(default_prefix(lang, IdKind::Objectives)),
        objective = w.objective,
        comment = w.checks_comment,
    )
}

/// The files of a new QMS in a language, its documents issued and approved
/// on `as_of`, in the order to write them (qms.toml first).
pub fn init(lang: Language, as_of: Date) -> Vec<NewFile> {
    let w = match lang {
        Language::Vi => &VI,
        Language::En => &EN,
    };
    let (sections, content_at) = procedure_sections(lang);
    let mut body = String::new();
    for (i, s) in sections.iter().enumerate() {
        body.push_str(&format!("## {s}\n\n"));
        if i == content_at {
            body.push_str(w.procedure.1);
            body.push_str("\n\n");
        }
    }
    let procedure = (w.procedure.0, body.trim_end(), w.procedure.2);
    let policy_id = first_id(default_prefix(lang, IdKind::Policy));
    let procedure_id = first_id(default_prefix(lang, IdKind::Procedure));
    let mut files = vec![NewFile::new("qms.toml", qms_toml(w, lang))];
    for ((title, body, slug), id, kind, clauses) in [
        (w.policy, policy_id.as_str(), "policy", "\"5.2\""),
        (
            w.manual,
            w.manual_id,
            "manual",
            "\"4.3\", \"4.4\", \"8.5.1\"",
        ),
        (w.objectives, w.objectives_id, "plan", "\"6.2\""),
        (procedure, procedure_id.as_str(), "procedure", "\"7.5\""),
    ] {
        files.push(NewFile::new(
            format!("documents/{id}-{slug}.md"),
            document(w, id, kind, title, clauses, body, as_of),
        ));
    }
    files.push(NewFile::new(
        "records.toml",
        "# The records control list: one [[record]] per type of record (docs/formats.md).\n",
    ));
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qms_toml_names_the_sections_of_its_language() {
        for (lang, set) in [(Language::En, "en-basic"), (Language::Vi, "vn-admin")] {
            let w = if lang == Language::En { &EN } else { &VI };
            let on = qms_toml(w, lang);
            assert!(
                on.contains(&format!("\n[documents]\nsections = \"{set}\"\n")),
                "{on}"
            );
        }
    }
}
