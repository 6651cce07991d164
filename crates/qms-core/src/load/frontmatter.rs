//! Splitting a controlled document into its TOML front matter and body.

use std::ops::Range;

/// Where the parts of a document are, as byte ranges of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatter {
    /// The opening `+++` line.
    pub opening: Range<usize>,
    /// The TOML text between the fences.
    pub toml: Range<usize>,
    /// The Markdown body after the closing fence.
    pub body: Range<usize>,
}

/// Why a document has no usable front matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FrontMatterError {
    /// The file does not start with a `+++` line.
    Missing,
    /// A `+++` line opens it, none closes it; the range is the opening line.
    Unterminated(Range<usize>),
}

fn is_fence(line: &str) -> bool {
    line.trim_end_matches(['\r', '\n']).trim_end() == "+++"
}

/// Finds the front matter of a document's text.
pub fn split(text: &str) -> Result<FrontMatter, FrontMatterError> {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut lines = text[start..]
        .split_inclusive('\n')
        .scan(start, |pos, line| {
            let at = *pos;
            *pos += line.len();
            Some((at, line))
        });
    let Some((at, first)) = lines.next() else {
        return Err(FrontMatterError::Missing);
    };
    if !is_fence(first) {
        return Err(FrontMatterError::Missing);
    }
    let opening = at..at + first.trim_end_matches(['\r', '\n']).len();
    let toml_start = at + first.len();
    // Only lines that start with `+++` can close it: jump between them
    // rather than visit every line of the front matter.
    let mut from = toml_start;
    while let Some(found) = text[from..].find("+++") {
        let line_start = from + found;
        let line_end = text[line_start..]
            .find('\n')
            .map_or(text.len(), |i| line_start + i + 1);
        if (line_start == toml_start || text.as_bytes()[line_start - 1] == b'\n')
            && is_fence(&text[line_start..line_end])
        {
            return Ok(FrontMatter {
                opening,
                toml: toml_start..line_start,
                body: line_end..text.len(),
            });
        }
        from = line_start + 3;
    }
    Err(FrontMatterError::Unterminated(opening))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_body() {
        let t = "+++\nid = \"A\"\n+++\n# Body\n";
        let fm = split(t).expect("front matter");
        assert_eq!(&t[fm.toml.clone()], "id = \"A\"\n");
        assert_eq!(&t[fm.body.clone()], "# Body\n");
        assert_eq!(fm.opening, 0..3);
    }

    #[test]
    fn crlf_and_bom_are_accepted() {
        let t = "\u{feff}+++\r\nid = \"A\"\r\n+++\r\nx";
        let fm = split(t).expect("front matter");
        assert_eq!(&t[fm.toml], "id = \"A\"\r\n");
    }

    #[test]
    fn missing_and_unterminated() {
        assert_eq!(split("# Title\n"), Err(FrontMatterError::Missing));
        assert_eq!(split(""), Err(FrontMatterError::Missing));
        assert_eq!(
            split("+++\nid = 1\n"),
            Err(FrontMatterError::Unterminated(0..3))
        );
    }
}
