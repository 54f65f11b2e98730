//! A province's agency tree for `gongkai bench-data`: the provincial government and its departments, cities with
//! theirs, counties with departments and townships, each with a valid 统一社会信用代码. The first `n` agencies of
//! the full tree, level by level and round-robin among parents, so that every county gets some of its own.

use gongkai_domain::agency::{AgencyKind, AgencyProfile};
use gongkai_domain::credit_code::{CreditCode, check_character};
use gongkai_store::AgencyImportRow;

const PROVINCE: &str = "河南省";
const PROVINCE_DEPARTMENTS: [&str; 30] = [
    "发展和改革委员会",
    "教育厅",
    "科学技术厅",
    "工业和信息化厅",
    "公安厅",
    "民政厅",
    "司法厅",
    "财政厅",
    "人力资源和社会保障厅",
    "自然资源厅",
    "生态环境厅",
    "住房和城乡建设厅",
    "交通运输厅",
    "水利厅",
    "农业农村厅",
    "商务厅",
    "文化和旅游厅",
    "卫生健康委员会",
    "退役军人事务厅",
    "应急管理厅",
    "审计厅",
    "市场监督管理局",
    "统计局",
    "医疗保障局",
    "林业局",
    "体育局",
    "地方金融管理局",
    "信访局",
    "大数据管理局",
    "粮食和物资储备局",
];
const CITIES: [&str; 17] = [
    "郑州",
    "开封",
    "洛阳",
    "平顶山",
    "安阳",
    "鹤壁",
    "新乡",
    "焦作",
    "濮阳",
    "许昌",
    "漯河",
    "三门峡",
    "南阳",
    "商丘",
    "信阳",
    "周口",
    "驻马店",
];
const CITY_DEPARTMENTS: [&str; 25] = [
    "发展和改革委员会",
    "教育局",
    "科学技术局",
    "工业和信息化局",
    "公安局",
    "民政局",
    "司法局",
    "财政局",
    "人力资源和社会保障局",
    "自然资源和规划局",
    "生态环境局",
    "住房和城乡建设局",
    "交通运输局",
    "水利局",
    "农业农村局",
    "商务局",
    "文化广电和旅游局",
    "卫生健康委员会",
    "退役军人事务局",
    "应急管理局",
    "审计局",
    "市场监督管理局",
    "统计局",
    "医疗保障局",
    "城市管理局",
];
const COUNTY_STEMS: [&str; 16] = [
    "东城", "西华", "南召", "北舞", "长乐", "永安", "新安", "丰乐", "临河", "清平", "安宁", "富阳",
    "太康", "明德", "兴隆", "宝丰",
];
const COUNTY_DEPARTMENTS: [&str; 15] = [
    "发展和改革委员会",
    "教育局",
    "公安局",
    "民政局",
    "司法局",
    "财政局",
    "人力资源和社会保障局",
    "自然资源局",
    "住房和城乡建设局",
    "交通运输局",
    "农业农村局",
    "卫生健康委员会",
    "应急管理局",
    "市场监督管理局",
    "医疗保障局",
];
const TOWNSHIPS: [&str; 10] = [
    "城关镇",
    "城东街道",
    "城西街道",
    "红旗镇",
    "青山镇",
    "石桥镇",
    "李庄乡",
    "王庄乡",
    "河口镇",
    "白沙镇",
];

/// An agency of the generated tree: its import row and how many of each thing it should hold.
#[derive(Debug, Clone)]
pub struct Planned {
    pub row: AgencyImportRow,
    /// How much of the catalogue and of the applications falls to it, relative to the others.
    pub weight: u32,
    /// The 机关代字 of its documents' 文号.
    pub doc_prefix: String,
}

struct Node {
    name: String,
    kind: AgencyKind,
    parent: Option<String>,
    division: String,
    prefix: String,
}

fn node(name: String, kind: AgencyKind, parent: &Node, prefix: String) -> Node {
    Node {
        name,
        kind,
        parent: Some(parent.name.clone()),
        division: parent.division.clone(),
        prefix,
    }
}

/// Children of each parent, taken round-robin: the first child of every parent, then the second, …
fn round_robin(groups: Vec<Vec<Node>>) -> Vec<Node> {
    let mut groups: Vec<std::vec::IntoIter<Node>> =
        groups.into_iter().map(Vec::into_iter).collect();
    let mut out = Vec::new();
    loop {
        let before = out.len();
        for group in &mut groups {
            out.extend(group.next());
        }
        if out.len() == before {
            return out;
        }
    }
}

/// The first `n` agencies of the province's tree, parents before children.
pub fn province(n: usize) -> Vec<Planned> {
    let full_tree = 1
        + PROVINCE_DEPARTMENTS.len()
        + CITIES.len()
            * (1 + CITY_DEPARTMENTS.len() + 8 * (1 + COUNTY_DEPARTMENTS.len() + TOWNSHIPS.len()));
    // A larger province has more counties per city.
    let counties_per_city = 8 * n.div_ceil(full_tree).max(1);
    let top = Node {
        name: format!("{PROVINCE}人民政府"),
        kind: AgencyKind::Government,
        parent: None,
        division: "410000".into(),
        prefix: "豫政".into(),
    };
    let departments = PROVINCE_DEPARTMENTS
        .iter()
        .map(|d| {
            node(
                format!("{PROVINCE}{d}"),
                AgencyKind::Department,
                &top,
                format!("豫{}", first(d)),
            )
        })
        .collect::<Vec<_>>();
    let cities: Vec<Node> = CITIES
        .iter()
        .enumerate()
        .map(|(i, c)| Node {
            name: format!("{c}市人民政府"),
            kind: AgencyKind::Government,
            parent: Some(top.name.clone()),
            division: format!("41{:02}00", i + 1),
            prefix: format!("{}政", first(c)),
        })
        .collect();
    let city_departments = round_robin(
        cities
            .iter()
            .zip(CITIES)
            .map(|(city, c)| {
                CITY_DEPARTMENTS
                    .iter()
                    .map(|d| {
                        node(
                            format!("{c}市{d}"),
                            AgencyKind::Department,
                            city,
                            format!("{}{}", first(c), first(d)),
                        )
                    })
                    .collect()
            })
            .collect(),
    );
    let counties = round_robin(
        cities
            .iter()
            .zip(CITIES)
            .enumerate()
            .map(|(ci, (city, c))| {
                (0..counties_per_city)
                    .map(|k| {
                        let stem = COUNTY_STEMS[k % COUNTY_STEMS.len()];
                        let round = k / COUNTY_STEMS.len();
                        let stem = if round == 0 {
                            stem.to_owned()
                        } else {
                            format!("{stem}{}", round + 1)
                        };
                        Node {
                            name: format!("{c}市{stem}县人民政府"),
                            kind: AgencyKind::Government,
                            parent: Some(city.name.clone()),
                            division: format!("41{:02}{:02}", ci + 1, 21 + k % 79),
                            prefix: format!("{}政", first(&stem)),
                        }
                    })
                    .collect()
            })
            .collect(),
    );
    let below_counties = round_robin(
        counties
            .iter()
            .map(|county| {
                let seat = county.name.trim_end_matches("人民政府").to_owned();
                let departments = COUNTY_DEPARTMENTS.iter().map(|d| {
                    node(
                        format!("{seat}{d}"),
                        AgencyKind::Department,
                        county,
                        format!("{}{}", first(&county.prefix), first(d)),
                    )
                });
                let townships = TOWNSHIPS.iter().map(|t| {
                    node(
                        format!("{seat}{t}人民政府"),
                        AgencyKind::Township,
                        county,
                        format!("{}政", first(t)),
                    )
                });
                // A department, then a township, so that a county cut short still has both.
                let mut both = Vec::new();
                let (mut d, mut t) = (departments.peekable(), townships.peekable());
                while d.peek().is_some() || t.peek().is_some() {
                    both.extend(d.next());
                    both.extend(t.next());
                }
                both
            })
            .collect(),
    );
    std::iter::once(top)
        .chain(departments)
        .chain(cities)
        .chain(city_departments)
        .chain(counties)
        .chain(below_counties)
        .take(n)
        .enumerate()
        .map(|(i, node)| planned(i, node))
        .collect()
}

fn first(s: &str) -> String {
    s.chars().next().map(String::from).unwrap_or_default()
}

fn planned(i: usize, node: Node) -> Planned {
    let weight = match node.kind {
        AgencyKind::Government => 6,
        AgencyKind::Department => 3,
        _ => 1,
    };
    let first17 = format!("11{}MB{:07}", node.division, i + 1);
    let credit_code = check_character(&first17)
        .ok()
        .and_then(|c| CreditCode::parse(&format!("{first17}{c}")).ok());
    let mut profile = AgencyProfile::named(&node.name, node.kind);
    profile.credit_code = credit_code;
    profile.office_name = format!("{}政务公开办公室", node.name.trim_end_matches("人民政府"));
    profile.doc_prefix = node.prefix.clone();
    Planned {
        row: AgencyImportRow {
            line: i + 2,
            profile,
            parent: node.parent,
        },
        weight,
        doc_prefix: node.prefix,
    }
}
