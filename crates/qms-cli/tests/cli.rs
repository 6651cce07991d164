//! CLI cases: every file in `tests/cmd/` at the repository root is a trycmd
//! case (arguments, expected exit status, expected stdout and stderr).

#[test]
fn cli_cases() {
    trycmd::TestCases::new().case("../../tests/cmd/*.toml");
}
