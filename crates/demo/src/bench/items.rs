//! Catalogue items for `gongkai bench-data`: titles, 文号 and bodies in the words agencies use, dated over
//! 2019–2026, in every category, so that search is measured on text shaped like the real catalogue.

use chrono::{Datelike, NaiveDate};
use gongkai_domain::catalog::{Category, DocKind, DocNo, ItemDraft, Validity};
use gongkai_store::ImportRow;

const TOPICS: [&str; 40] = [
    "进一步加强安全生产工作",
    "做好春节期间值班值守工作",
    "公布行政许可事项清单",
    "开展营商环境评价",
    "印发政务公开工作要点",
    "做好防汛抗旱工作",
    "加强耕地保护",
    "推进老旧小区改造",
    "开展质量安全专项检查",
    "做好高校毕业生就业创业工作",
    "调整最低工资标准",
    "规范行政执法行为",
    "加强生态环境保护",
    "推进数字政府建设",
    "做好秋冬季大气污染防治",
    "开展消防安全隐患排查",
    "公布权责清单",
    "加强农村人居环境整治",
    "推进义务教育均衡发展",
    "做好医疗保障待遇调整",
    "实施乡村振兴战略",
    "开展食品安全专项整治",
    "加快新型基础设施建设",
    "优化公共服务",
    "做好困难群众救助工作",
    "规范政府采购活动",
    "加强财政资金监管",
    "推进政务服务一网通办",
    "开展森林防火工作",
    "做好退役军人服务保障",
    "加强城市管理",
    "推进河长制工作",
    "开展扫黑除恶常态化工作",
    "做好统计调查工作",
    "加强审计整改",
    "推进住房保障",
    "做好疫情防控常态化工作",
    "规范涉企收费",
    "加强道路交通安全",
    "推进文明城市创建",
];
const FORMS: [&str; 8] = [
    "通知",
    "意见",
    "实施方案",
    "办法",
    "公告",
    "决定",
    "工作要点",
    "报告",
];
const SENTENCES: [&str; 12] = [
    "各有关单位要高度重视，切实加强组织领导，明确责任分工，确保各项工作落到实处。",
    "本文件自印发之日起施行，有效期五年。",
    "请各单位结合实际认真贯彻执行，执行中遇到的问题请及时报告。",
    "坚持以人民为中心的发展思想，持续优化服务，提升群众满意度。",
    "依据《中华人民共和国政府信息公开条例》等有关规定，现将有关事项公告如下。",
    "各级各部门要加强监督检查，对工作不力、造成不良影响的，依规依纪严肃追究责任。",
    "申请材料齐全、符合法定形式的，应当当场或者在规定时限内作出决定。",
    "资金使用情况应当向社会公开，接受社会监督。",
    "联系电话：0371-65500000，联系地址：郑州市金水路。",
    "要建立健全长效机制，推动工作制度化、规范化、常态化。",
    "各县（市、区）人民政府、各有关部门要于每季度末将工作进展情况报送牵头单位。",
    "本办法由负责解释，未尽事宜按照国家和省有关规定执行。",
];

/// A deterministic source of choices (the seed fixes every word of the data set).
pub struct Dice(fastrand::Rng);

impl Dice {
    pub fn new(seed: u64) -> Self {
        Self(fastrand::Rng::with_seed(seed))
    }
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { self.0.usize(..n) }
    }
    pub fn pick<'a, T>(&mut self, from: &'a [T]) -> &'a T {
        &from[self.below(from.len())]
    }
    /// True `percent` times in a hundred.
    pub fn chance(&mut self, percent: u32) -> bool {
        self.0.u32(..100) < percent
    }
    pub fn day_between(&mut self, from: NaiveDate, to: NaiveDate) -> NaiveDate {
        let span = (to - from).num_days().max(0) as u64;
        from + chrono::Days::new(self.0.u64(..=span))
    }
}

/// `count` items of the agency `name` (its 机关代字 `prefix`), numbered from `first` in the import.
pub fn items(
    dice: &mut Dice,
    name: &str,
    prefix: &str,
    first: usize,
    count: usize,
) -> Vec<ImportRow> {
    let from = NaiveDate::from_ymd_opt(2019, 1, 2).unwrap_or_default();
    let to = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap_or_default();
    let short = name.trim_end_matches("人民政府");
    let mut serials = std::collections::HashMap::<i32, u32>::new();
    (0..count)
        .map(|k| {
            let published_on = dice.day_between(from, to);
            let formed_on = published_on - chrono::Days::new(dice.below(10) as u64);
            let topic = *dice.pick(&TOPICS);
            let form = *dice.pick(&FORMS);
            let year = formed_on.year();
            let title = format!("{short}关于{topic}的{form}");
            let doc_no = dice.chance(60).then(|| {
                let serial = serials.entry(year).or_insert(0);
                *serial += 1;
                DocNo {
                    prefix: format!("{prefix}{}", if dice.chance(50) { "办" } else { "" }),
                    year,
                    number: *serial,
                }
            });
            let mut body = format!("{title}\n");
            for _ in 0..3 + dice.below(6) {
                body.push_str(dice.pick::<&str>(&SENTENCES));
            }
            body.push_str(&format!(
                "\n{short}\n{}年{}月{}日",
                year,
                formed_on.month(),
                formed_on.day()
            ));
            let kind = if dice.chance(8) {
                DocKind::NormativeDocument
            } else {
                DocKind::Other
            };
            let validity = if kind == DocKind::NormativeDocument && dice.chance(20) {
                Validity::Repealed {
                    on: (published_on + chrono::Days::new(400)).min(to),
                }
            } else {
                Validity::Valid
            };
            ImportRow {
                line: first + k + 2,
                import_key: format!("bench-{}", first + k),
                index_no: None,
                published_on,
                draft: ItemDraft {
                    title,
                    doc_no,
                    category: *dice.pick(&Category::ALL),
                    subject: None,
                    issuer: name.to_owned(),
                    formed_on,
                    summary: String::new(),
                    kind,
                    validity,
                    body,
                },
            }
        })
        .collect()
}
