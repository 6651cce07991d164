//! Which profile a loaded QMS is checked against: a built-in one, or the
//! profile file `scope.profile` names (read and validated while loading).

use crate::base::code::Code;
use crate::base::finding::RawFinding;
use crate::base::paths;
use crate::load::{Qms, from_toml};
use crate::profile::{DEFAULT_PROFILE, Profile, empty_profile};

/// Reads the profile file that `scope.profile` names, when it is not built in.
pub(crate) fn load_user_profile(qms: &mut Qms) {
    let Some(cfg) = &qms.config else { return };
    let Some(p) = &cfg.scope.profile else { return };
    if crate::profile::Profile::built_in(p.get()).is_some() {
        return;
    }
    let at = cfg.origin.at(p);
    let rel = match paths::normalise(p.get()) {
        Ok(rel) => rel,
        Err(e) => {
            qms.load_findings
                .push(RawFinding::new(Code::LOAD004, e.to_string()).at(at));
            return;
        }
    };
    let rel = match qms.locate(&rel) {
        Ok(Some(rel)) => rel,
        Ok(None) => return, // resolve() reports an unknown profile
        Err(_) => {
            qms.load_findings.push(
                RawFinding::new(
                    Code::LOAD004,
                    format!("`{rel}` leads outside the QMS directory"),
                )
                .at(at),
            );
            return;
        }
    };
    let Ok(text) = qms.source().read(&rel).map(String::from_utf8) else {
        return;
    };
    let Ok(text) = text else {
        return;
    };
    let file = qms.sources.add(rel, text.clone());
    let mut findings = Vec::new();
    if let Some(profile) = from_toml::<crate::profile::Profile>(&text, file, 0, &mut findings) {
        findings.extend(crate::profile::validate(&profile, &text, file));
        qms.user_profile = Some(profile);
    }
    qms.load_findings.extend(findings);
}

/// The profile a QMS is checked against; a problem choosing it is a finding
/// and the default profile is used instead.
pub fn resolve(qms: &Qms) -> (Profile, Vec<RawFinding>) {
    let mut findings = Vec::new();
    let requested = qms
        .config
        .as_ref()
        .and_then(|c| c.scope.profile.as_ref().map(|p| (c.origin, p)));
    if let Some((origin, p)) = requested {
        if let Some(profile) = Profile::built_in(p.get()) {
            return (profile, findings);
        }
        if let Some(profile) = &qms.user_profile {
            return (profile.clone(), findings);
        }
        // A profile file that was found but did not parse is already a finding.
        if !qms.sources.iter().any(|(_, f)| {
            Some(f.path.as_str()) == crate::base::paths::normalise(p.get()).ok().as_deref()
        }) {
            findings.push(
                RawFinding::new(Code::LOAD002, format!("unknown profile `{}`: not built in, and no such file", p.get()))
                    .at(origin.at(p))
                    .help("built-in profiles: iso9001:2015, iso9001:2008 (`qms profiles`); a profile file's path is relative to the QMS directory"),
            );
        }
    }
    let default = Profile::built_in(DEFAULT_PROFILE).unwrap_or_else(empty_profile);
    (default, findings)
}
