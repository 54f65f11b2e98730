//! A seeded generator of realistic catalogue items for the benchmark: titles composed from real-looking
//! agency names, actions and subjects; bodies of 300–800 characters of government prose.

use gongkai_search::{IndexedItem, days_from_ymd};

/// xorshift64*: deterministic across runs and machines, so the cached index matches its version file.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// (name, 文号 prefix) of the 50 agencies.
pub const AGENCIES: [(&str, &str); 50] = [
    ("孟州市人民政府", "孟政"),
    ("孟州市人民政府办公室", "孟政办"),
    ("孟州市发展和改革委员会", "孟发改"),
    ("孟州市教育局", "孟教"),
    ("孟州市科学技术和工业信息化局", "孟科工信"),
    ("孟州市公安局", "孟公"),
    ("孟州市民政局", "孟民"),
    ("孟州市司法局", "孟司"),
    ("孟州市财政局", "孟财"),
    ("孟州市人力资源和社会保障局", "孟人社"),
    ("孟州市自然资源局", "孟自然资"),
    ("孟州市生态环境局", "孟环"),
    ("孟州市住房和城乡建设局", "孟建"),
    ("孟州市交通运输局", "孟交"),
    ("孟州市水利局", "孟水"),
    ("孟州市农业农村局", "孟农"),
    ("孟州市商务局", "孟商"),
    ("孟州市文化广电和旅游局", "孟文旅"),
    ("孟州市卫生健康委员会", "孟卫健"),
    ("孟州市退役军人事务局", "孟退役"),
    ("孟州市应急管理局", "孟应急"),
    ("孟州市审计局", "孟审"),
    ("孟州市市场监督管理局", "孟市监"),
    ("孟州市统计局", "孟统"),
    ("孟州市医疗保障局", "孟医保"),
    ("孟州市林业局", "孟林"),
    ("孟州市城市管理局", "孟城管"),
    ("孟州市信访局", "孟信访"),
    ("孟州市行政审批和政务信息管理局", "孟审批"),
    ("孟州市公共资源交易中心", "孟公管"),
    ("孟州市机关事务管理局", "孟机管"),
    ("孟州市粮食和物资储备中心", "孟粮储"),
    ("孟州市税务局", "孟税"),
    ("孟州市气象局", "孟气"),
    ("孟州市烟草专卖局", "孟烟"),
    ("孟州市供销合作社", "孟供销"),
    ("孟州市残疾人联合会", "孟残联"),
    ("孟州市住房公积金管理中心", "孟公积金"),
    ("孟州市乡村振兴局", "孟乡振"),
    ("孟州市大定街道办事处", "孟大定"),
    ("孟州市会昌街道办事处", "孟会昌"),
    ("孟州市河阳街道办事处", "孟河阳"),
    ("孟州市河雍街道办事处", "孟河雍"),
    ("孟州市化工镇人民政府", "孟化工"),
    ("孟州市南庄镇人民政府", "孟南庄"),
    ("孟州市城伯镇人民政府", "孟城伯"),
    ("孟州市谷旦镇人民政府", "孟谷旦"),
    ("孟州市西虢镇人民政府", "孟西虢"),
    ("孟州市槐树乡人民政府", "孟槐树"),
    ("孟州市产业集聚区管理委员会", "孟集聚"),
];

const ACTIONS: [&str; 12] = [
    "关于印发",
    "关于进一步加强",
    "关于进一步规范",
    "关于做好",
    "关于开展",
    "关于公布",
    "关于调整",
    "关于表彰",
    "关于转发",
    "关于推进",
    "关于落实",
    "关于加快",
];

const SUBJECTS: [&str; 40] = [
    "政府采购代理机构管理",
    "耕地保护工作",
    "安全生产大检查",
    "城乡居民医疗保险",
    "义务教育招生入学",
    "农村人居环境整治",
    "大气污染防治攻坚",
    "优化营商环境",
    "政务公开工作要点",
    "重大行政决策程序",
    "防汛抗旱应急预案",
    "食品安全监督抽检",
    "城镇老旧小区改造",
    "高标准农田建设",
    "公共资源交易平台整合",
    "行政执法公示制度",
    "最低生活保障标准",
    "退役军人优待抚恤",
    "冬春火灾防控",
    "森林防火工作",
    "扫黑除恶专项斗争",
    "河长制工作",
    "秋粮收购工作",
    "残疾人两项补贴",
    "预算绩效管理",
    "国有资产清查",
    "审计发现问题整改",
    "住房公积金缴存基数",
    "乡村振兴示范村创建",
    "返乡创业扶持",
    "中小企业纾困帮扶",
    "文明城市创建",
    "疫情防控常态化",
    "地质灾害防治",
    "建筑工地扬尘治理",
    "市场主体信用监管",
    "统计调查数据质量",
    "政务服务一网通办",
    "农民工工资支付",
    "全民健身运动会",
];

const KINDS: [&str; 9] = [
    "的通知",
    "的意见",
    "的实施方案",
    "的公告",
    "的批复",
    "的决定",
    "的通报",
    "办法",
    "工作方案",
];

const SENTENCES: [&str; 24] = [
    "各乡镇人民政府、街道办事处，市直各单位：",
    "为深入贯彻落实党中央、国务院决策部署，进一步提升依法行政水平，",
    "根据《中华人民共和国政府信息公开条例》和上级有关文件精神，结合我市实际，",
    "经市政府研究同意，现将有关事项通知如下。",
    "各单位要高度重视，切实加强组织领导，明确责任分工，确保各项任务落到实处。",
    "要坚持问题导向，建立健全工作台账，实行清单化管理、项目化推进。",
    "市财政局要做好资金保障，严格资金使用管理，提高资金使用效益。",
    "对工作推进不力、造成不良影响的单位，将予以通报批评并严肃追责问责。",
    "各乡镇（街道）要于每月底前将工作进展情况报送市政府办公室。",
    "本通知自印发之日起施行，此前有关规定与本通知不一致的，以本通知为准。",
    "要加强宣传引导，充分利用政府网站、政务新媒体等渠道，营造良好社会氛围。",
    "市直有关部门要按照职责分工，密切协作配合，形成工作合力。",
    "严格落实安全生产责任制，开展隐患排查治理，坚决遏制重特大事故发生。",
    "进一步简化办事流程，压缩办理时限，提升群众满意度和获得感。",
    "加强监督检查，定期开展督导评估，及时发现和纠正存在的问题。",
    "统筹推进城乡一体化发展，补齐基础设施和公共服务短板。",
    "健全完善长效机制，推动工作制度化、规范化、常态化。",
    "市公共资源交易中心负责交易平台的运行维护和信息公开工作。",
    "政府采购项目应当严格执行采购预算和资产配置标准。",
    "对符合条件的申请人，经审核后按规定程序发放补贴资金。",
    "联系人及电话见附件，请各单位按时报送相关材料。",
    "本办法由市司法局负责解释，自发布之日起三十日后施行。",
    "各级各部门要切实履行主体责任，确保政策措施落地见效。",
    "坚持以人民为中心的发展思想，着力解决群众急难愁盼问题。",
];

/// Each appears in about one item in 8,000: the "rare word" queries.
pub const RARE: [&str; 4] = [
    "加强古树名木保护管理。",
    "规范无人机飞行管理秩序。",
    "做好白蚁防治工作。",
    "推进秸秆综合利用。",
];

pub const CATEGORIES: [&str; 22] = [
    "a20_01", "a20_02", "a20_03", "a20_04", "a20_05", "a20_06", "a20_07", "a20_08", "a20_09",
    "a20_10", "a20_11", "a20_12", "a20_13", "a20_14", "a20_15", "a21_01", "a21_02", "a21_03",
    "a21_04", "a21_05", "a21_06", "a21_07",
];

pub const FIRST_YEAR: i32 = 2008;
pub const YEARS: usize = 19; // 2008–2026

/// Items in a fixed order from a fixed seed; `numbers` counts 文号 per agency and year.
pub struct Corpus {
    rng: Rng,
    numbers: Vec<u32>,
}

impl Corpus {
    pub fn new(seed: u64) -> Corpus {
        Corpus {
            rng: Rng::new(seed),
            numbers: vec![0; AGENCIES.len() * YEARS],
        }
    }

    /// The 文号 the `n`th item of an agency and year gets (the same rule as `item`), for queries.
    pub fn doc_no(agency: usize, year: i32, n: u32) -> String {
        format!("{}〔{year}〕{n}号", AGENCIES[agency].1)
    }

    pub fn item(&mut self, seq: usize) -> IndexedItem {
        let r = &mut self.rng;
        let agency = r.below(AGENCIES.len());
        let year_index = r.below(YEARS);
        let year = FIRST_YEAR + year_index as i32;
        let subject = r.pick(&SUBJECTS);
        let title = format!(
            "{}{}{}{}",
            AGENCIES[agency].0,
            r.pick(&ACTIONS),
            if r.below(3) == 0 {
                format!("{year}年")
            } else {
                String::new()
            },
            subject,
        ) + r.pick(&KINDS);
        let target = 300 + r.below(501);
        let mut body = format!("为做好{subject}，");
        while body.chars().count() < target {
            if r.below(2000) == 0 {
                body.push_str(r.pick(&RARE));
            }
            if r.below(6) == 0 {
                body.push_str(&format!("推进{}。", r.pick(&SUBJECTS)));
            }
            body.push_str(r.pick(&SENTENCES));
        }
        let numbered = r.below(10) < 7; // most items carry a 文号, notices of lists often do not
        let slot = &mut self.numbers[agency * YEARS + year_index];
        let doc_no = if numbered {
            *slot += 1;
            Corpus::doc_no(agency, year, *slot)
        } else {
            String::new()
        };
        IndexedItem {
            index_no: format!("11410883{agency:04}X/{year}-{seq:07}"),
            agency: agency as i64 + 1,
            title,
            doc_no_norm: doc_no.clone(),
            doc_no,
            body,
            category: r.pick(&CATEGORIES).to_string(),
            year,
            validity: ["valid", "valid", "valid", "amended", "repealed"][r.below(5)].to_string(),
            published_on: days_from_ymd(year, 1, 1) + r.below(365) as i64,
            attachments: Vec::new(),
        }
    }
}
