//! Which profile a loaded QMS is checked against: a built-in one, or the
//! profile file `scope.profile` names (read and validated while loading).

use crate::base::code::Code;
use crate::base::finding::RawFinding;
use crate::load::Qms;
use crate::profile::{DEFAULT_PROFILE, Profile, empty_profile};

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
