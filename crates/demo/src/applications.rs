//! The demo's applications for disclosure (依申请公开), 2020 to 2026: about a hundred cases made to 孟州市公共资源交易中心
//! and, fewer, to 孟州市财政局 and 孟州市教育局, each with the steps a caseworker took, so that the work queue, the
//! timelines and table 三 of every year from 2021 have something true to show.
//!
//! The cases are data ([`demo_cases`]); [`seed_applications`] stores them through the same store calls as the
//! console, each step first checked by the domain's [`plan`] against what is stored (no future date, no step
//! back in time, the status machine, the clock) and on a working day of the calendar. Every outcome row of
//! table 三 (F2021) and every applicant column occurs; so do 补正 then a decision, 补正 overdue, an extension,
//! consultations, a fee notice paid and one left unpaid, withdrawals, and applications received in December
//! and answered in January. A few are still open at the end of November 2026.
//!
//! The people and organisations are made up; their 身份证 numbers and credit codes carry the right check
//! characters so that they pass the intake rules.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use gongkai_domain::agency::AgencyId;
use gongkai_domain::application::event::{Decision, Event, FeeNotice};
use gongkai_domain::application::fees::{FeeError, FeeMethod, fee};
use gongkai_domain::application::handling::{Action, plan};
use gongkai_domain::application::intake::{
    Channel, Delivery, InfoForm, QUERY_CODE_LEN, QueryCode, resident_id_check_character,
};
use gongkai_domain::application::outcome::ApplicantKind;
use gongkai_domain::application::outcome::Outcome::{self, *};
use gongkai_domain::audit::ActorRef;
use gongkai_domain::calendar::Calendar;
use gongkai_domain::credit_code::check_character;
use gongkai_store::{AgencyStore, ApplicationStore, NewApplication, Store, StoredApplication};

use gongkai_app::AppError;
use gongkai_domain::application::intake::ApplicantInput;

use crate::{CENTRE, DemoError};

pub const FINANCE: &str = "孟州市财政局";
pub const EDUCATION: &str = "孟州市教育局";

/// The query code of every demo application (the public status page asks for it with the tracking number).
const DEMO_QUERY_BYTES: [u8; QUERY_CODE_LEN] = [13, 4, 7, 30, 21, 2, 9, 18, 27, 5];

pub fn demo_query_code() -> QueryCode {
    QueryCode::from_random(&DEMO_QUERY_BYTES)
}

/// A made-up applicant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoApplicant {
    pub kind: ApplicantKind,
    pub name: &'static str,
    /// The first 17 characters of a person's 居民身份证号码 or of an organisation's 统一社会信用代码; the check
    /// character is computed.
    pub id17: &'static str,
    /// An organisation's contact person; empty for a person.
    pub contact_name: &'static str,
    pub phone: &'static str,
    pub email: &'static str,
    pub address: &'static str,
}

impl DemoApplicant {
    /// The applicant as the online form sends it and the web layer stores it.
    pub fn body(&self) -> Result<ApplicantInput, String> {
        let mut body = ApplicantInput {
            kind: self.kind.code().to_owned(),
            name: self.name.to_owned(),
            contact_name: self.contact_name.to_owned(),
            phone: self.phone.to_owned(),
            email: self.email.to_owned(),
            address: self.address.to_owned(),
            ..ApplicantInput::default()
        };
        if self.kind.is_organisation() {
            let check = check_character(self.id17).map_err(|e| format!("{}: {e}", self.name))?;
            body.credit_code = format!("{}{check}", self.id17);
        } else {
            let check = resident_id_check_character(self.id17)
                .map_err(|e| format!("{}: {e}", self.name))?;
            body.id_type = "resident_id".into();
            body.id_number = format!("{}{check}", self.id17);
        }
        Ok(body)
    }
}

const fn person(
    name: &'static str,
    id17: &'static str,
    phone: &'static str,
    email: &'static str,
    address: &'static str,
) -> DemoApplicant {
    DemoApplicant {
        kind: ApplicantKind::NaturalPerson,
        name,
        id17,
        contact_name: "",
        phone,
        email,
        address,
    }
}

const fn org(
    kind: ApplicantKind,
    name: &'static str,
    id17: &'static str,
    contact_name: &'static str,
    phone: &'static str,
    address: &'static str,
) -> DemoApplicant {
    DemoApplicant {
        kind,
        name,
        id17,
        contact_name,
        phone,
        email: "",
        address,
    }
}

#[rustfmt::skip]
mod people {
    use super::{ApplicantKind, DemoApplicant, org, person};
    use ApplicantKind::{Business, LegalService, NonProfit, OtherOrganisation, Research};

    pub const WANG: DemoApplicant = person("王建国", "41088319750312031", "13839112031", "wangjianguo@example.com", "河南省孟州市河阳街道韩愈路18号");
    pub const LI: DemoApplicant = person("李秀英", "41088319820716042", "13598621042", "lixiuying@example.com", "河南省孟州市会昌街道政通路36号院2号楼");
    pub const ZHANG: DemoApplicant = person("张伟", "41080219900105111", "15139107111", "", "河南省焦作市解放区民主南路72号");
    pub const LIU: DemoApplicant = person("刘洋", "41088319881123053", "13703911053", "liuyang88@example.com", "");
    pub const CHEN: DemoApplicant = person("陈静", "41010519930408064", "", "chenjing.zz@example.com", "河南省郑州市金水区文化路97号");
    pub const YANG: DemoApplicant = person("杨帆", "41088319700930075", "0391-8123075", "", "河南省孟州市大定街道建设路9号");
    pub const ZHAO: DemoApplicant = person("赵磊", "41088319850218015", "18939127015", "zhaolei@example.com", "");
    pub const SUN: DemoApplicant = person("孙丽", "41082219780601028", "13782628028", "", "河南省焦作市博爱县清化镇鸿昌路15号");
    pub const ZHOU: DemoApplicant = person("周强", "41088319661014039", "13603911039", "zhouqiang66@example.com", "河南省孟州市西虢镇西虢村");
    pub const WU: DemoApplicant = person("吴敏", "41088319951225048", "", "wumin95@example.com", "");
    pub const ZHENG: DemoApplicant = person("郑浩", "41030319870314057", "15837903057", "zhenghao@example.com", "河南省洛阳市西工区中州中路281号");
    pub const MA: DemoApplicant = person("马红梅", "41088319720807068", "13462801068", "", "河南省孟州市槐树乡槐树村");

    pub const HENGXIN: DemoApplicant = org(Business, "孟州市恒信建材有限公司", "91410883MA45XK2L7", "刘晓东", "0391-8161717", "河南省孟州市产业集聚区纬二路6号");
    pub const ZHONGYUAN: DemoApplicant = org(Business, "河南中原路桥建设有限公司", "91410800MA40R6TN1", "韩志刚", "0391-3568821", "河南省焦作市山阳区塔南路1688号");
    pub const HUATAI: DemoApplicant = org(Business, "焦作市华泰招标代理有限公司", "91410800MA3X9PQ25", "宋佳", "0391-2926055", "河南省焦作市示范区文昌路9号");
    pub const LVYUAN: DemoApplicant = org(Business, "郑州绿源环保科技有限公司", "91410100MA44BC7D8", "冯雪", "0371-6590 2217", "河南省郑州市高新区科学大道100号");
    pub const NONGKE: DemoApplicant = org(Research, "焦作市农林科学研究院", "12410800416020345", "田丰", "0391-3922301", "河南省焦作市中站区朱村");
    pub const ZAOJIA: DemoApplicant = org(Research, "河南省建设工程造价研究中心", "12410000MB0123456", "胡立新", "0371-6551 8830", "河南省郑州市金水区金水路102号");
    pub const ZHIYUAN: DemoApplicant = org(NonProfit, "孟州市志愿者协会", "51410883MJ1234567", "许文静", "0391-8187766", "河南省孟州市河阳街道青年路2号");
    pub const LVSE: DemoApplicant = org(NonProfit, "焦作市绿色家园环保公益服务中心", "52410800MJ7654321", "程远", "0391-3518912", "河南省焦作市解放区人民路1136号");
    pub const YUMENG: DemoApplicant = org(LegalService, "河南豫孟律师事务所", "31410000MD0456789", "周律师（周明）", "0391-8158800", "河南省孟州市会昌街道孟州大道中段");
    pub const HEYANG: DemoApplicant = org(LegalService, "河南河阳律师事务所", "31410000MD0897654", "范律师（范立）", "0391-8130119", "河南省孟州市河阳街道文化路28号");
    pub const LVFENG: DemoApplicant = org(OtherOrganisation, "孟州市绿丰蔬菜种植专业合作社", "93410883MA46LF8G2", "赵满仓", "13938105566", "河南省孟州市化工镇化工村");
    pub const DONGXIAOQIU: DemoApplicant = org(OtherOrganisation, "孟州市城伯镇东小仇村股份经济合作社", "N2410883MF1234567", "仇建设", "13782611203", "河南省孟州市城伯镇东小仇村");
}
use people::*;

/// How an application came in, and the form and delivery asked for.
type How = (Channel, InfoForm, Delivery);
const WEB: How = (Channel::Online, InfoForm::Electronic, Delivery::Online);
const EMAIL: How = (Channel::Email, InfoForm::Electronic, Delivery::Email);
const MAIL: How = (Channel::SignedForPost, InfoForm::Paper, Delivery::Post);
const LETTER: How = (Channel::OrdinaryLetter, InfoForm::Paper, Delivery::Post);
const DESK: How = (Channel::InPerson, InfoForm::Paper, Delivery::Pickup);

/// One demo application and the steps taken on it, in order.
#[derive(Debug, Clone)]
pub struct DemoCase {
    pub agency: &'static str,
    pub applicant: DemoApplicant,
    pub how: How,
    /// The receipt date (条例第三十一条).
    pub received_on: NaiveDate,
    /// What is asked for; unique per agency and receipt date, which is how a demo interrupted half way finds
    /// the cases it already stored.
    pub description: &'static str,
    pub steps: Vec<Action>,
}

const fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    // An impossible date becomes one that every plan refuses (before the receipt), never a panic.
    match NaiveDate::from_ymd_opt(y, m, day) {
        Some(date) => date,
        None => NaiveDate::MIN,
    }
}

fn c(
    agency: &'static str,
    applicant: &DemoApplicant,
    how: How,
    received_on: NaiveDate,
    description: &'static str,
    mut steps: Vec<Action>,
) -> DemoCase {
    let mut given = NaiveDate::MIN;
    for step in &mut steps {
        match step {
            Action::RequestCorrection { correct_by, .. } => given = *correct_by,
            Action::CorrectionOverdue { correct_by, .. } => *correct_by = given,
            _ => {}
        }
    }
    DemoCase {
        agency,
        applicant: *applicant,
        how,
        received_on,
        description,
        steps,
    }
}

fn decide(on: NaiveDate, outcome: Outcome) -> Action {
    Action::Decide { on, outcome }
}
fn correction(on: NaiveDate, correct_by: NaiveDate) -> Action {
    Action::RequestCorrection { on, correct_by }
}
fn corrected(on: NaiveDate) -> Action {
    Action::CorrectionReceived { on }
}
/// The correction deadline is the one the case's last notice gave; `c` fills it in.
fn correction_overdue(on: NaiveDate) -> Action {
    Action::CorrectionOverdue {
        on,
        correct_by: NaiveDate::MIN,
    }
}
fn extend(on: NaiveDate, working_days: u32) -> Action {
    Action::Extend { on, working_days }
}
fn consult(on: NaiveDate) -> Action {
    Action::StartConsultation { on }
}
fn consulted(on: NaiveDate) -> Action {
    Action::EndConsultation { on }
}
fn fee_notice(on: NaiveDate) -> Action {
    Action::IssueFeeNotice { on }
}
fn fee_paid(on: NaiveDate) -> Action {
    Action::FeePaid { on }
}
fn fee_overdue(on: NaiveDate) -> Action {
    Action::FeeOverdue { on }
}
fn withdraw(on: NaiveDate) -> Action {
    Action::Withdraw { on }
}

/// Every demo case, oldest first.
#[rustfmt::skip]
pub fn demo_cases() -> Vec<DemoCase> {
    vec![
        c(FINANCE, &WANG, WEB, d(2020, 12, 21), "孟州市2020年度政府采购项目中标（成交）结果公告汇总", vec![decide(d(2021, 1, 11), Open)]),
        c(CENTRE, &LI, WEB, d(2021, 1, 11), "2020年孟州市城区道路提升改造工程施工招标的中标候选人公示和中标结果", vec![decide(d(2021, 1, 27), Open)]),
        c(CENTRE, &HENGXIN, MAIL, d(2021, 2, 22), "孟州市第二高级中学教学楼建设项目的评标报告和各投标人报价", vec![decide(d(2021, 3, 15), Partial)]),
        c(CENTRE, &ZHANG, WEB, d(2021, 3, 8), "2016年孟州市某地块国有建设用地使用权挂牌出让的全部材料", vec![correction(d(2021, 3, 10), d(2021, 3, 24)), corrected(d(2021, 3, 18)), decide(d(2021, 4, 8), NotHeld)]),
        c(CENTRE, &ZHAO, DESK, d(2021, 4, 12), "举报某投标人在孟州市农村饮水安全巩固提升工程招标中串通投标，要求查处并公开处理结果", vec![decide(d(2021, 4, 20), Petition)]),
        c(CENTRE, &YUMENG, EMAIL, d(2021, 5, 10), "孟州市人民医院医用耗材集中采购项目中某供应商的投标文件（含资质证明和业绩材料）", vec![consult(d(2021, 5, 17)), consulted(d(2021, 5, 31)), decide(d(2021, 6, 8), ThirdParty)]),
        c(CENTRE, &LIU, WEB, d(2021, 6, 7), "交易中心收费方面的信息", vec![correction(d(2021, 6, 10), d(2021, 6, 25)), correction_overdue(d(2021, 6, 28))]),
        c(CENTRE, &NONGKE, WEB, d(2021, 7, 5), "2021年孟州市高标准农田建设项目（第一批）的招标公告、中标结果和合同公示", vec![decide(d(2021, 7, 22), Open)]),
        c(CENTRE, &SUN, WEB, d(2021, 8, 2), "孟州市体育中心建设项目评标委员会的评审讨论记录和评委个人打分表", vec![decide(d(2021, 8, 18), ProcessInfo)]),
        c(CENTRE, &ZHONGYUAN, MAIL, d(2021, 9, 6), "2019年至2021年孟州市政府投资工程项目的招标控制价、中标价和合同变更资料", vec![extend(d(2021, 9, 29), 20), decide(d(2021, 10, 29), Partial)]),
        c(CENTRE, &ZHOU, WEB, d(2021, 10, 11), "孟州市韩愈文化园项目选定招标代理机构的过程材料", vec![withdraw(d(2021, 10, 15))]),
        c(CENTRE, &LVFENG, LETTER, d(2021, 11, 8), "孟州市某建材公司的工商登记档案（股东及出资情况），用于核实其投标资格", vec![decide(d(2021, 11, 22), AdminQuery)]),
        c(CENTRE, &LVYUAN, EMAIL, d(2021, 11, 15), "2018年至2021年孟州市政府采购项目的中标公告、合同公告和验收结果（纸质复印件，约1800页）", vec![fee_notice(d(2021, 11, 23)), fee_paid(d(2021, 12, 3)), decide(d(2021, 12, 21), Open)]),
        c(CENTRE, &MA, WEB, d(2021, 12, 20), "2021年孟州市公共资源交易中心进场交易项目数量和成交金额统计", vec![decide(d(2022, 1, 7), Open)]),
        c(CENTRE, &ZHIYUAN, WEB, d(2021, 12, 27), "孟州市近五年政府采购项目中小微企业中标比例的统计分析报告", vec![decide(d(2022, 1, 19), NeedsCreation)]),
        c(CENTRE, &WU, WEB, d(2022, 1, 10), "2021年孟州市政府采购意向公开汇总", vec![decide(d(2022, 1, 24), Open)]),
        c(CENTRE, &CHEN, WEB, d(2022, 2, 14), "孟州市人民防空指挥工程建设项目的招标文件和设计图纸", vec![decide(d(2022, 3, 4), StateSecret)]),
        c(CENTRE, &HUATAI, EMAIL, d(2022, 3, 7), "2020年至2021年孟州市工程建设项目的投标文件和评标报告（纸质复印件，约5000页）", vec![fee_notice(d(2022, 3, 14)), fee_overdue(d(2022, 4, 13))]),
        c(CENTRE, &LVSE, WEB, d(2022, 4, 11), "孟州市生活垃圾焚烧发电项目特许经营权的招标结果和特许经营协议主要条款", vec![decide(d(2022, 4, 29), Open)]),
        c(CENTRE, &LI, WEB, d(2022, 5, 9), "2020年孟州市城区道路提升改造工程施工招标的中标结果", vec![decide(d(2022, 5, 16), Repeat)]),
        c(CENTRE, &HEYANG, EMAIL, d(2022, 6, 6), "交易中心对孟州市某建筑公司围标串标行为的调查处理案卷", vec![decide(d(2022, 6, 22), EnforcementFile)]),
        c(CENTRE, &YANG, LETTER, d(2022, 7, 4), "交易中心所有的规章制度和内部文件", vec![correction(d(2022, 7, 7), d(2022, 7, 21)), corrected(d(2022, 7, 14)), decide(d(2022, 7, 28), StillUnclear)]),
        c(CENTRE, &ZAOJIA, WEB, d(2022, 8, 8), "2021年孟州市房屋建筑和市政工程的招标控制价与中标价对比数据（按项目列明）", vec![extend(d(2022, 9, 1), 20), decide(d(2022, 9, 23), Partial)]),
        c(CENTRE, &ZHENG, WEB, d(2022, 9, 5), "要求提供《河南省公共资源交易目录（2021年版）》及其释义的正式出版物", vec![decide(d(2022, 9, 9), Publication)]),
        c(CENTRE, &SUN, WEB, d(2022, 10, 10), "交易中心2022年度工作人员考勤记录和内部岗位调整方案", vec![decide(d(2022, 10, 25), InternalAffairs)]),
        c(CENTRE, &ZHAO, WEB, d(2022, 11, 7), "孟州市农贸市场改造项目的招标公告", vec![withdraw(d(2022, 11, 10))]),
        c(CENTRE, &HENGXIN, MAIL, d(2022, 12, 12), "2022年孟州市政府采购框架协议采购项目的入围供应商名单", vec![decide(d(2023, 1, 5), Open)]),
        c(CENTRE, &WANG, WEB, d(2022, 12, 26), "孟州市西虢镇土地整治项目评标委员会成员名单（该项目尚未确定中标人）", vec![decide(d(2023, 1, 12), LawForbidden)]),
        c(CENTRE, &CHEN, WEB, d(2023, 1, 9), "2022年孟州市工程建设项目招标投标活动投诉处理决定", vec![decide(d(2023, 1, 20), Open)]),
        c(CENTRE, &LVYUAN, EMAIL, d(2023, 2, 13), "孟州市污水处理厂提标改造项目的投标文件（含技术方案）", vec![decide(d(2023, 3, 6), Partial)]),
        c(CENTRE, &ZHOU, WEB, d(2023, 3, 6), "2023年1月以来孟州市每一个政府采购项目的采购需求、评审记录和验收报告（每个项目单独申请，共86件）", vec![decide(d(2023, 3, 16), MassRepeat)]),
        c(CENTRE, &WU, WEB, d(2023, 3, 20), "交易中心的采购信息", vec![correction(d(2023, 3, 22), d(2023, 4, 6)), correction_overdue(d(2023, 4, 7))]),
        c(CENTRE, &DONGXIAOQIU, LETTER, d(2023, 4, 10), "孟州市城乡供水一体化工程水厂和加压泵站的安防系统设计方案及管网布置图", vec![decide(d(2023, 4, 27), ThreeSecurity)]),
        c(CENTRE, &LIU, DESK, d(2023, 5, 8), "要求对已向本人提供的2022年某项目中标通知书复印件重新加盖公章并出具确认函", vec![decide(d(2023, 5, 16), ConfirmReissue)]),
        c(CENTRE, &YUMENG, EMAIL, d(2023, 6, 5), "孟州市第一人民医院门诊楼改扩建工程的中标结果和合同签订情况", vec![decide(d(2023, 6, 25), Open)]),
        c(CENTRE, &MA, WEB, d(2023, 7, 3), "孟州市2015年至2017年国有土地使用权出让合同", vec![decide(d(2023, 7, 19), NotHeld)]),
        c(CENTRE, &ZHONGYUAN, MAIL, d(2023, 8, 7), "孟州市市政道路照明节能改造项目中另一投标人的业绩证明材料和人员资格证书", vec![consult(d(2023, 8, 11)), consulted(d(2023, 8, 29)), decide(d(2023, 9, 5), ThirdParty)]),
        c(CENTRE, &NONGKE, WEB, d(2023, 9, 4), "2020年至2023年孟州市农业农村领域项目的招标文件和中标结果（纸质复印件，约1200页）", vec![fee_notice(d(2023, 9, 11)), fee_paid(d(2023, 9, 20)), decide(d(2023, 10, 10), Open)]),
        c(CENTRE, &YANG, WEB, d(2023, 10, 9), "孟州市智慧城市建设项目的招标公告和中标结果", vec![withdraw(d(2023, 10, 16))]),
        c(CENTRE, &ZHANG, DESK, d(2023, 11, 6), "投诉某招标代理机构收取不合理服务费，要求责令退还", vec![decide(d(2023, 11, 13), Petition)]),
        c(CENTRE, &ZHIYUAN, WEB, d(2023, 12, 18), "孟州市2023年政府采购项目落实节能环保产品优先采购政策的执行情况", vec![decide(d(2024, 1, 9), Open)]),
        c(CENTRE, &LI, WEB, d(2024, 1, 8), "2023年孟州市公共资源交易中心进场交易项目情况统计", vec![decide(d(2024, 1, 23), Open)]),
        c(CENTRE, &HUATAI, EMAIL, d(2024, 2, 19), "孟州市2023年度政府采购代理机构考核结果", vec![decide(d(2024, 3, 6), Open)]),
        c(CENTRE, &WANG, WEB, d(2024, 3, 11), "孟州市新建第三中学项目评标委员会的讨论记录和澄清问题清单", vec![decide(d(2024, 3, 28), ProcessInfo)]),
        c(CENTRE, &HEYANG, EMAIL, d(2024, 4, 8), "交易中心对某供应商提供虚假材料谋取中标行为的调查案卷", vec![decide(d(2024, 4, 24), EnforcementFile)]),
        c(CENTRE, &ZHENG, WEB, d(2024, 5, 13), "2014年以来孟州市工程建设项目中标企业的注册地分布统计", vec![extend(d(2024, 6, 6), 20), decide(d(2024, 6, 27), NeedsCreation)]),
        c(CENTRE, &HENGXIN, MAIL, d(2024, 6, 3), "2022年至2024年孟州市水利工程项目的投标文件（纸质复印件，约4000页）", vec![fee_notice(d(2024, 6, 7)), fee_overdue(d(2024, 7, 10))]),
        c(CENTRE, &SUN, WEB, d(2024, 7, 1), "交易中心场地使用的有关规定", vec![correction(d(2024, 7, 3), d(2024, 7, 17)), corrected(d(2024, 7, 9)), decide(d(2024, 7, 23), Open)]),
        c(CENTRE, &LVFENG, LETTER, d(2024, 8, 5), "孟州市农产品批发市场建设项目的资金来源和财政拨款明细", vec![decide(d(2024, 8, 21), NotHeld)]),
        c(CENTRE, &MA, WEB, d(2024, 9, 2), "2021年孟州市公共资源交易中心进场交易项目数量和成交金额", vec![decide(d(2024, 9, 10), Repeat)]),
        c(CENTRE, &ZAOJIA, WEB, d(2024, 10, 14), "2024年孟州市政府投资项目的工程量清单和招标控制价编制说明", vec![decide(d(2024, 11, 4), Partial)]),
        c(CENTRE, &CHEN, WEB, d(2024, 11, 4), "孟州市公共自行车系统运营服务采购项目的采购结果", vec![withdraw(d(2024, 11, 6))]),
        c(CENTRE, &ZHAO, WEB, d(2024, 12, 16), "孟州市某房地产开发公司名下的不动产登记信息", vec![decide(d(2025, 1, 6), AdminQuery)]),
        c(CENTRE, &LVYUAN, EMAIL, d(2024, 12, 23), "孟州市2024年城乡环卫一体化服务采购项目的合同文本和履约验收报告", vec![decide(d(2025, 1, 9), Open)]),
        c(CENTRE, &ZHOU, WEB, d(2025, 1, 6), "2024年孟州市工程建设项目招标投标情况统计", vec![decide(d(2025, 1, 22), Open)]),
        c(CENTRE, &WU, WEB, d(2025, 2, 10), "孟州市2024年某政府采购项目中标供应商的纳税申报表和完税凭证", vec![decide(d(2025, 2, 27), LawForbidden)]),
        c(CENTRE, &HENGXIN, MAIL, d(2025, 3, 3), "孟州市城区老旧小区改造项目（2024年）各投标人的报价明细表", vec![decide(d(2025, 3, 21), Partial)]),
        c(CENTRE, &LVSE, WEB, d(2025, 4, 7), "孟州市餐厨垃圾处理项目招标中外地投标人被否决投标的理由", vec![consult(d(2025, 4, 10)), consulted(d(2025, 4, 25)), decide(d(2025, 5, 7), Open)]),
        c(CENTRE, &ZHANG, WEB, d(2025, 5, 12), "交易中心的项目资料", vec![correction(d(2025, 5, 15), d(2025, 5, 29)), correction_overdue(d(2025, 5, 30))]),
        c(CENTRE, &YUMENG, EMAIL, d(2025, 6, 9), "孟州市中医院医疗设备采购项目的质疑答复和投诉处理结果", vec![decide(d(2025, 6, 25), Open)]),
        c(CENTRE, &LI, WEB, d(2025, 7, 7), "交易中心2024年度内部绩效考核办法和考核结果", vec![decide(d(2025, 7, 21), InternalAffairs)]),
        c(CENTRE, &ZHONGYUAN, MAIL, d(2025, 8, 4), "2023年至2025年孟州市交通运输领域工程项目的招标文件和中标结果（纸质复印件，约900页）", vec![fee_notice(d(2025, 8, 11)), fee_paid(d(2025, 8, 22)), decide(d(2025, 9, 3), Partial)]),
        c(CENTRE, &LIU, WEB, d(2025, 9, 1), "要求提供《孟州市公共资源交易年鉴（2024）》印刷本", vec![decide(d(2025, 9, 8), Publication)]),
        c(CENTRE, &NONGKE, WEB, d(2025, 10, 13), "孟州市2023年至2025年高标准农田建设项目的招标、变更和验收资料", vec![extend(d(2025, 11, 5), 20), decide(d(2025, 11, 25), Open)]),
        c(CENTRE, &YANG, WEB, d(2025, 11, 10), "2025年孟州市每一个小额工程项目的比选记录（每周重复提交同一内容的申请）", vec![decide(d(2025, 11, 19), MassRepeat)]),
        c(CENTRE, &WANG, WEB, d(2025, 12, 15), "2025年孟州市政府采购项目中标（成交）结果公告汇总", vec![decide(d(2026, 1, 6), Open)]),
        c(CENTRE, &DONGXIAOQIU, LETTER, d(2025, 12, 22), "孟州市城伯镇农村公路建设项目的招标文件和中标结果", vec![withdraw(d(2026, 1, 5))]),
        c(CENTRE, &CHEN, WEB, d(2026, 1, 12), "2025年孟州市公共资源交易中心进场交易项目情况统计", vec![decide(d(2026, 1, 26), Open)]),
        c(CENTRE, &HUATAI, EMAIL, d(2026, 3, 2), "孟州市2025年度政府采购代理机构考核结果和扣分事由", vec![decide(d(2026, 3, 19), Partial)]),
        c(CENTRE, &ZHENG, WEB, d(2026, 5, 11), "孟州市2010年以前建设的城区供热管网工程的招标投标资料", vec![decide(d(2026, 5, 27), NotHeld)]),
        c(CENTRE, &LVSE, WEB, d(2026, 8, 3), "孟州市2026年生活垃圾分类收运服务采购项目的中标结果", vec![decide(d(2026, 8, 18), Open)]),
        c(CENTRE, &ZAOJIA, WEB, d(2026, 10, 19), "孟州市2026年政府投资项目的招标控制价审核报告", vec![consult(d(2026, 11, 11))]),
        c(CENTRE, &HEYANG, EMAIL, d(2026, 10, 26), "孟州市2026年工程建设项目的投诉处理决定书", vec![extend(d(2026, 11, 19), 20)]),
        c(CENTRE, &ZHOU, WEB, d(2026, 11, 3), "孟州市2026年城区学校食堂食材采购项目的中标结果", vec![]),
        c(CENTRE, &YANG, WEB, d(2026, 11, 9), "2026年孟州市公共资源交易中心场地预约使用记录", vec![]),
        c(CENTRE, &WU, WEB, d(2026, 11, 16), "交易中心的招标信息", vec![correction(d(2026, 11, 19), d(2026, 12, 3))]),
        c(CENTRE, &LVYUAN, EMAIL, d(2026, 11, 23), "2024年至2026年孟州市政府采购项目的全部评审报告（纸质复印件，约2600页）", vec![fee_notice(d(2026, 11, 27))]),
        c(FINANCE, &ZHAO, WEB, d(2021, 3, 15), "2020年孟州市一般公共预算执行情况和决算草案", vec![decide(d(2021, 3, 29), Open)]),
        c(FINANCE, &ZHONGYUAN, MAIL, d(2021, 9, 13), "孟州市某道路工程款的审批和拨付文件", vec![decide(d(2021, 10, 8), Partial)]),
        c(FINANCE, &LIU, WEB, d(2022, 5, 16), "2021年度孟州市本级“三公”经费决算情况", vec![decide(d(2022, 5, 26), Open)]),
        c(FINANCE, &ZHIYUAN, WEB, d(2022, 11, 21), "孟州市2022年政府购买社会组织服务项目的资金安排和承接主体名单", vec![consult(d(2022, 11, 25)), consulted(d(2022, 12, 7)), decide(d(2022, 12, 14), Partial)]),
        c(FINANCE, &MA, WEB, d(2023, 6, 12), "财政局的资金文件", vec![correction(d(2023, 6, 15), d(2023, 6, 30)), correction_overdue(d(2023, 7, 3))]),
        c(FINANCE, &SUN, WEB, d(2023, 12, 25), "2023年孟州市惠民惠农财政补贴资金发放情况", vec![decide(d(2024, 1, 11), Open)]),
        c(FINANCE, &YUMENG, EMAIL, d(2024, 4, 15), "孟州市财政局对某会计师事务所执业质量检查的处理决定和检查底稿", vec![decide(d(2024, 5, 6), EnforcementFile)]),
        c(FINANCE, &ZHENG, WEB, d(2024, 10, 21), "孟州市2024年政府债券资金使用情况", vec![withdraw(d(2024, 10, 24))]),
        c(FINANCE, &ZAOJIA, WEB, d(2025, 3, 17), "2020年至2024年孟州市政府投资项目的财政评审报告（纸质复印件，约1500页）", vec![fee_notice(d(2025, 3, 21)), fee_paid(d(2025, 3, 31)), decide(d(2025, 4, 15), Open)]),
        c(FINANCE, &CHEN, WEB, d(2025, 8, 18), "孟州市2026年部门预算编制中各单位的预算申报材料和财政局审核意见", vec![decide(d(2025, 8, 29), ProcessInfo)]),
        c(FINANCE, &LI, WEB, d(2026, 11, 10), "孟州市2026年上半年预算执行情况", vec![]),
        c(EDUCATION, &WU, WEB, d(2021, 4, 19), "2021年孟州市城区义务教育学校招生划片范围", vec![decide(d(2021, 4, 28), Open)]),
        c(EDUCATION, &YANG, WEB, d(2021, 12, 13), "孟州市1998年中考成绩原始登记册", vec![decide(d(2021, 12, 29), NotHeld)]),
        c(EDUCATION, &ZHANG, DESK, d(2022, 3, 21), "反映某民办培训机构违规收费，要求教育局查处", vec![decide(d(2022, 3, 28), Petition)]),
        c(EDUCATION, &LVSE, WEB, d(2022, 9, 19), "2022年孟州市农村义务教育学生营养改善计划资金使用情况", vec![decide(d(2022, 10, 10), Open)]),
        c(EDUCATION, &LI, WEB, d(2023, 5, 15), "孟州市2023年教师招聘考试的成绩和拟聘用人员名单", vec![decide(d(2023, 5, 29), Partial)]),
        c(EDUCATION, &DONGXIAOQIU, LETTER, d(2023, 11, 13), "孟州市城伯镇中心小学校舍改造工程的资金安排和建设进度", vec![extend(d(2023, 12, 7), 20), decide(d(2023, 12, 25), Open)]),
        c(EDUCATION, &HUATAI, EMAIL, d(2024, 6, 17), "孟州市2024年中小学校服采购项目中各投标人的报价和资质文件", vec![decide(d(2024, 7, 5), ThirdParty)]),
        c(EDUCATION, &ZHOU, WEB, d(2024, 12, 30), "2024年孟州市学前教育资助资金发放名单", vec![decide(d(2025, 1, 15), Partial)]),
        c(EDUCATION, &ZHOU, WEB, d(2025, 4, 21), "2024年孟州市学前教育资助资金的发放名单", vec![decide(d(2025, 4, 25), Repeat)]),
        c(EDUCATION, &LVFENG, LETTER, d(2025, 10, 20), "孟州市2025年农村学校劳动教育实践基地的建设情况", vec![decide(d(2025, 11, 5), Open)]),
        c(EDUCATION, &MA, WEB, d(2026, 11, 16), "孟州市2026年秋季学期城区学校学位供给情况", vec![]),

    ]
}

/// Pages copied for each of the demo's fee notices.
const DEMO_FEE_PAGES: u32 = 120;

/// The event a step records, with the particulars the demo gives (the clock reads `working_days`, `due` and
/// `reason`; the timeline and the letters read the others).
fn event_of(action: &Action) -> Result<Event, FeeError> {
    Ok(match action {
        Action::RequestCorrection { correct_by, .. } => Event::CorrectionRequested {
            correct_by: *correct_by,
            what: None,
        },
        Action::CorrectionReceived { .. } => Event::CorrectionReceived,
        Action::CorrectionOverdue { .. } => Event::CorrectionDeadlinePassed { correct_by: None },
        Action::StartConsultation { .. } => Event::ConsultationStarted { party: None },
        Action::EndConsultation { .. } => Event::ConsultationEnded,
        Action::Extend { working_days, .. } => Event::ExtensionApproved {
            working_days: *working_days,
            reason: None,
        },
        Action::CustomDeadline { due, reason, .. } => Event::CustomDeadline {
            due: *due,
            reason: reason.clone(),
        },
        // The demo's fee notices are for 120 copied pages (国办函〔2020〕109号: 70 × 10 + 20 × 20 = 1,100 元).
        Action::IssueFeeNotice { .. } => Event::FeeNoticeIssued(FeeNotice {
            method: FeeMethod::PerPage,
            count: None,
            pages: DEMO_FEE_PAGES,
            amount_yuan: fee(FeeMethod::PerPage, 0, DEMO_FEE_PAGES)?.amount_yuan,
            explanation: None,
            pay_within_working_days: None,
            pay_by: None,
        }),
        Action::FeePaid { .. } => Event::FeePaid,
        Action::FeeOverdue { .. } => Event::FeeDeadlinePassed,
        Action::Decide { outcome, .. } => Event::Decided(Decision {
            outcome: *outcome,
            reason: None,
            extra: None,
            service: None,
        }),
        Action::Withdraw { .. } => Event::Withdrawn,
    })
}

fn refused(n: usize, case: &DemoCase, why: impl std::fmt::Display) -> DemoError {
    DemoError::App(AppError::Internal(format!(
        "demo application {n} ({} {}): {why}",
        case.received_on, case.description
    )))
}

fn working_day(
    calendar: &Calendar,
    n: usize,
    case: &DemoCase,
    on: NaiveDate,
) -> Result<(), DemoError> {
    match calendar.is_working_day(on) {
        Ok(true) => Ok(()),
        Ok(false) => Err(refused(n, case, format!("{on} is not a working day"))),
        Err(e) => Err(refused(n, case, e)),
    }
}

/// Stores `cases` with their steps, as a caseworker would have taken them by `today`: a case received later is
/// left out, and so is a step dated later. A case already stored (same agency, receipt date and description)
/// is completed from where it stopped, so an interrupted demo completes itself at the next start and a
/// complete one is left as it is. Every step is planned by the domain first; a step it refuses, or one not on
/// a working day, stops the seeding with the case named. Returns how many applications were created.
pub async fn seed_applications(
    store: &Store,
    calendar: &Calendar,
    cases: &[DemoCase],
    today: NaiveDate,
) -> Result<usize, DemoError> {
    let by = ActorRef::System {
        reason: "gongkai demo".into(),
    };
    let code_hash = demo_query_code().hash_hex();
    let mut agencies: HashMap<&str, (AgencyId, Vec<StoredApplication>)> = HashMap::new();
    let mut created = 0;
    for (n, case) in cases.iter().enumerate() {
        if case.received_on > today {
            continue;
        }
        working_day(calendar, n, case, case.received_on)?;
        if !agencies.contains_key(case.agency) {
            let agency = store
                .agency_by_name_or_code(case.agency)
                .await?
                .ok_or_else(|| refused(n, case, format!("no agency {}", case.agency)))?;
            let stored = store.applications_of(agency.id, false).await?;
            agencies.insert(case.agency, (agency.id, stored));
        }
        let Some((agency, stored)) = agencies.get(case.agency) else {
            continue;
        };
        let found = stored
            .iter()
            .find(|a| a.received_on == Some(case.received_on) && a.description == case.description);
        let mut app = match found {
            Some(app) => app.clone(),
            None => {
                let (channel, form, delivery) = case.how;
                let applicant = case.applicant.body().map_err(|why| refused(n, case, why))?;
                let new = NewApplication {
                    agency: *agency,
                    applicant_kind: case.applicant.kind,
                    applicant: serde_json::to_string(&applicant)
                        .map_err(|e| refused(n, case, e))?,
                    description: case.description.to_owned(),
                    info_form: form,
                    delivery,
                    channel,
                    received_on: Some(case.received_on),
                    query_code_hash: code_hash.clone(),
                };
                created += 1;
                store
                    .create_application(&new, case.received_on.year(), &by)
                    .await?
            }
        };
        let events = store.application_events(app.id).await?;
        let mut history = gongkai_app::calendar::clock_events(&events);
        // The receipt is the first event; the steps follow it one for one.
        let done = events.len().saturating_sub(1);
        for action in case.steps.iter().skip(done) {
            let on = action.on();
            if on > today {
                break;
            }
            working_day(calendar, n, case, on)?;
            let planned = plan(app.status, &history, action, today, calendar)
                .map_err(|e| refused(n, case, e))?;
            let event = event_of(action).map_err(|e| refused(n, case, e))?;
            app = store
                .record_application_event(app.id, &event, on, planned.status, &by)
                .await?;
            history.push(event.clock_event(on));
        }
    }
    Ok(created)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use gongkai_domain::application::clock::{ClockEvent, compute};
    use gongkai_domain::application::intake::ApplicantInput;
    use gongkai_domain::application::status::Status;

    use super::*;

    fn today() -> NaiveDate {
        d(2026, 11, 28)
    }

    /// Each case replayed through the domain alone: every step planned, on a working day, and the clock never
    /// warns (no late notice, no late answer, no over-long consultation, no extension after the deadline).
    #[test]
    fn every_case_is_lawful_step_by_step_and_on_time() {
        let cal = Calendar::builtin().expect("calendar");
        for (n, case) in demo_cases().iter().enumerate() {
            let what = format!("case {n} {} {}", case.received_on, case.description);
            assert!(
                cal.is_working_day(case.received_on).expect("covered"),
                "{what}"
            );
            let mut status = Status::Received;
            let mut history = vec![ClockEvent::Received {
                on: case.received_on,
            }];
            let mut correct_by = None;
            let mut fee_since = None;
            for action in &case.steps {
                let on = action.on();
                assert!(cal.is_working_day(on).expect("covered"), "{what}: {on}");
                let planned = plan(status, &history, action, today(), &cal)
                    .unwrap_or_else(|e| panic!("{what}: {e}"));
                assert!(
                    planned.clock.warnings.is_empty(),
                    "{what}: {:?}",
                    planned.clock.warnings
                );
                match action {
                    Action::RequestCorrection { correct_by: by, .. } => correct_by = Some(*by),
                    // 条例第三十条: abandoned only once the deadline given for the correction has passed.
                    Action::CorrectionOverdue { on, .. } => {
                        assert!(correct_by.is_some_and(|by| *on > by), "{what}")
                    }
                    Action::IssueFeeNotice { on } => fee_since = Some(*on),
                    // 国办函〔2020〕109号: 20 working days to pay, abandoned only after them.
                    Action::FeeOverdue { on } => {
                        let since = fee_since.expect("a notice first");
                        assert!(
                            cal.working_days_between(since, *on).expect("days") > 20,
                            "{what}"
                        )
                    }
                    Action::FeePaid { on } => {
                        let since = fee_since.expect("a notice first");
                        assert!(
                            cal.working_days_between(since, *on).expect("days") <= 20,
                            "{what}"
                        )
                    }
                    _ => {}
                }
                status = planned.status;
                history.push(action.clock_event());
            }
            // An open case still has a deadline the calendar can count, and it has not passed.
            if !status.is_closed() {
                let clock = compute(&history, &cal).expect("clock");
                assert!(!clock.overdue(today()), "{what}: overdue");
            }
        }
    }

    #[test]
    fn the_cases_cover_every_row_column_and_kind_of_step() {
        let cases = demo_cases();
        let mut outcomes = BTreeSet::new();
        let mut kinds = BTreeSet::new();
        let mut steps = BTreeSet::new();
        let mut keys = BTreeSet::new();
        for case in &cases {
            kinds.insert(case.applicant.kind);
            assert!(
                keys.insert((case.agency, case.received_on, case.description)),
                "{} is listed twice",
                case.description
            );
            let mut status = Status::Received;
            for action in &case.steps {
                steps.insert(event_of(action).expect("event").kind());
                let step = match action {
                    Action::Decide { outcome, .. } => {
                        gongkai_domain::application::status::Step::Decide(*outcome)
                    }
                    _ => continue,
                };
                status = status.apply(step).unwrap_or(status);
            }
            let last = case.steps.last().map(|a| event_of(a).expect("event"));
            let ended = match last {
                Some(Event::Decided(decision)) => Some(decision.outcome),
                Some(Event::Withdrawn) => Some(Outcome::Other),
                Some(Event::CorrectionDeadlinePassed { .. }) => Some(Outcome::NoCorrection),
                Some(Event::FeeDeadlinePassed) => Some(Outcome::FeeUnpaid),
                _ => None,
            };
            outcomes.extend(ended);
        }
        assert_eq!(outcomes.len(), Outcome::ALL.len(), "{outcomes:?}");
        assert_eq!(kinds.len(), ApplicantKind::ALL.len(), "{kinds:?}");
        // Every kind of step but the receipt (no step) and a 第三十五条 deadline (none in the demo).
        let not_shown = [
            Event::Received {
                channel: Channel::Online,
            }
            .kind(),
            Event::CustomDeadline {
                due: today(),
                reason: String::new(),
            }
            .kind(),
        ];
        for step in Event::KINDS.iter().filter(|k| !not_shown.contains(k)) {
            assert!(steps.contains(step), "no {step}");
        }
        let carried = cases
            .iter()
            .filter(|c| c.received_on.month() == 12)
            .filter(|c| {
                c.steps
                    .last()
                    .is_some_and(|a| a.on().year() > c.received_on.year())
            })
            .count();
        assert!(carried >= 5, "{carried} carried over");
        for agency in [CENTRE, FINANCE, EDUCATION] {
            let open = cases
                .iter()
                .filter(|c| c.agency == agency)
                .filter(|c| {
                    !c.steps.last().is_some_and(|a| {
                        matches!(
                            a,
                            Action::Decide { .. }
                                | Action::Withdraw { .. }
                                | Action::CorrectionOverdue { .. }
                                | Action::FeeOverdue { .. }
                        )
                    })
                })
                .count();
            assert!(open >= 1, "{agency} has an open case");
        }
    }

    #[test]
    fn every_applicant_passes_the_intake_rules() {
        for case in demo_cases() {
            let a = case.applicant.body().expect("check characters");
            let input = ApplicantInput {
                kind: a.kind,
                name: a.name,
                id_type: a.id_type,
                id_number: a.id_number,
                credit_code: a.credit_code,
                contact_name: a.contact_name,
                phone: a.phone,
                email: a.email,
                address: a.address,
            };
            let checked = input
                .check()
                .unwrap_or_else(|e| panic!("{}: {e:?}", case.applicant.name));
            assert_eq!(checked.kind(), case.applicant.kind);
        }
        // The code README gives for the demo's applications.
        assert_eq!(demo_query_code().as_str(), "F69YP4BLV7");
        assert!(QueryCode::verify_hash(
            &demo_query_code().hash_hex(),
            demo_query_code().as_str()
        ));
    }
}
