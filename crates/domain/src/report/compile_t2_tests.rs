//! Table 二 from catalogue facts and entered figures.
use super::*;
use crate::report::validate;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

fn item(kind: DocKind, formed: &str, published: &str, validity: Validity) -> CatalogFacts {
    CatalogFacts {
        kind,
        formed_on: d(formed),
        published_on: d(published),
        validity,
        own: true,
    }
}

fn items() -> Vec<CatalogFacts> {
    use DocKind::*;
    vec![
        item(
            NormativeDocument,
            "2021-03-01",
            "2021-03-05",
            Validity::Valid,
        ),
        item(
            NormativeDocument,
            "2022-05-10",
            "2022-05-12",
            Validity::Valid,
        ),
        // Made in 2021, repealed in 2022.
        item(
            NormativeDocument,
            "2021-06-01",
            "2021-06-03",
            Validity::Repealed {
                on: d("2022-09-01"),
            },
        ),
        // Amended: still in force.
        item(
            NormativeDocument,
            "2020-11-20",
            "2021-01-04",
            Validity::Amended {
                on: d("2022-01-10"),
            },
        ),
        // Expired at the end of 2022 (the day after is no longer in force).
        item(
            Regulation,
            "2021-12-30",
            "2022-01-05",
            Validity::Expired {
                on: d("2022-12-31"),
            },
        ),
        item(Other, "2022-02-02", "2022-02-03", Validity::Valid),
        // The government's document in this agency's catalogue: not counted.
        CatalogFacts {
            own: false,
            ..item(
                NormativeDocument,
                "2022-01-10",
                "2022-01-12",
                Validity::Valid,
            )
        },
    ]
}

fn cell(report: &AnnualReport, path: &str) -> Cell {
    report.cell(path).cloned().unwrap_or(Cell::Empty)
}

#[test]
fn f2021_counts_issued_repealed_and_in_force_from_the_catalogue() {
    let mut report = AnnualReport::zeroed(Format::F2021);
    fill_t2(&mut report, &items(), &BTreeMap::new(), 2022);
    let nd = "t2.a20_1.normative_docs";
    assert_eq!(cell(&report, &format!("{nd}.issued")), Cell::Int(1));
    assert_eq!(cell(&report, &format!("{nd}.repealed")), Cell::Int(1));
    // 2021-03-01, 2022-05-10 and the amended one; not the repealed one.
    assert_eq!(cell(&report, &format!("{nd}.in_force")), Cell::Int(3));
    assert_eq!(cell(&report, "t2.a20_1.regulations.issued"), Cell::Int(0));
    assert_eq!(cell(&report, "t2.a20_1.regulations.repealed"), Cell::Int(1));
    assert_eq!(cell(&report, "t2.a20_1.regulations.in_force"), Cell::Int(0));
    // The year before: in_force(2021) + issued(2022) − repealed(2022) = in_force(2022), so T2-02 holds.
    let mut previous = AnnualReport::zeroed(Format::F2021);
    fill_t2(&mut previous, &items(), &BTreeMap::new(), 2021);
    assert_eq!(cell(&previous, &format!("{nd}.in_force")), Cell::Int(3));
    assert_eq!(
        cell(&previous, "t2.a20_1.regulations.in_force"),
        Cell::Int(1)
    );
}

#[test]
fn f2019_counts_made_published_and_total_published() {
    let mut report = AnnualReport::zeroed(Format::F2019);
    fill_t2(&mut report, &items(), &BTreeMap::new(), 2021);
    let nd = "t2.a20_1.normative_docs";
    assert_eq!(cell(&report, &format!("{nd}.new_made")), Cell::Int(2));
    assert_eq!(cell(&report, &format!("{nd}.new_published")), Cell::Int(3));
    assert_eq!(
        cell(&report, &format!("{nd}.total_published")),
        Cell::Int(3)
    );
}

#[test]
fn entered_figures_are_checked_by_their_column_and_fill_the_other_blocks() {
    let typed = |pairs: &[(&str, &str)]| -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    };
    let good = typed(&[
        ("t2.a20_5.admin_license.decisions", "152"),
        ("t2.a20_6.admin_penalty.decisions", "0"),
        ("t2.a20_8.admin_fees.fee_amount_wan", "31.6441"),
        ("t2.a20_6.admin_coercion.decisions", ""),
    ]);
    let figures = read_figures(Format::F2021, &good).expect("valid");
    let mut report = AnnualReport::zeroed(Format::F2021);
    fill_t2(&mut report, &[], &figures, 2022);
    assert_eq!(
        cell(&report, "t2.a20_5.admin_license.decisions"),
        Cell::Int(152)
    );
    assert_eq!(
        cell(&report, "t2.a20_8.admin_fees.fee_amount_wan"),
        Cell::Amount("31.6441".parse().expect("decimal"))
    );
    assert_eq!(
        cell(&report, "t2.a20_6.admin_coercion.decisions"),
        Cell::Int(0)
    );
    assert!(
        validate(&report).iter().all(|f| !f.rule.starts_with("T2")),
        "{:?}",
        validate(&report)
    );

    // What is typed is kept; the report's own rules say what is wrong with it.
    let typed_wrong = typed(&[
        ("t2.a20_5.admin_license.decisions", "-1"),
        ("t2.a20_6.admin_penalty.decisions", "十五"),
    ]);
    let figures = read_figures(Format::F2021, &typed_wrong).expect("kept");
    assert_eq!(
        figures["t2.a20_6.admin_penalty.decisions"],
        Cell::Text("十五".into())
    );
    let mut wrong = AnnualReport::zeroed(Format::F2021);
    fill_t2(&mut wrong, &[], &figures, 2022);
    let t2_errors: Vec<_> = validate(&wrong)
        .into_iter()
        .filter(|f| f.rule == "T2-01")
        .flat_map(|f| f.cells)
        .collect();
    assert_eq!(
        t2_errors,
        [
            "t2.a20_5.admin_license.decisions",
            "t2.a20_6.admin_penalty.decisions"
        ]
    );
    let refused = typed(&[
        ("t2.a20_1.regulations.issued", "3"),
        ("t2.a20_9.gov_procurement.items", "2"),
    ]);
    let codes: Vec<_> = read_figures(Format::F2021, &refused)
        .expect_err("refused")
        .iter()
        .map(FiguresError::code)
        .collect();
    assert_eq!(codes, ["figures.counted", "figures.unknown_cell"]);
    // F2019 has 政府集中采购 and signed 本年增/减.
    let f2019 = typed(&[
        ("t2.a20_9.gov_procurement.items", "2"),
        ("t2.a20_5.admin_license.delta", "-3"),
        ("t2.a20_8.admin_fees.delta", "+1"),
    ]);
    let figures = read_figures(Format::F2019, &f2019).expect("valid");
    assert_eq!(figures["t2.a20_5.admin_license.delta"], Cell::Int(-3));
    assert_eq!(figures["t2.a20_8.admin_fees.delta"], Cell::Int(1));
}
