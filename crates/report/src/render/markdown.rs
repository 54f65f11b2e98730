use gongkai_domain::report::AnnualReport;

pub(super) fn render(_report: &AnnualReport) -> String {
    String::new()
}
