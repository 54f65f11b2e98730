//! What a test's server holds, made through the store as the console and the use cases would have made it (no
//! `gongkai-demo`): 孟州市人民政府 with 孟州市公共资源交易中心, 孟州市财政局 and 孟州市教育局 below it (created in
//! that order, so their ids are 1 to 4), one account per role with [`PASSWORD`], and on request catalogue
//! items, applications (their steps planned by the domain, as a caseworker's would be) and register cases.

use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use gongkai_domain::account::{Role, Username};
use gongkai_domain::agency::{AgencyId, AgencyKind, AgencyProfile, Contact};
use gongkai_domain::appeal::{CaseKind, CaseOutcome, Decision};
use gongkai_domain::application::event::{Event, FeeNotice};
use gongkai_domain::application::fees::{FeeMethod, fee};
use gongkai_domain::application::handling::{Action, plan};
use gongkai_domain::application::intake::{
    ApplicantInput, Channel, Delivery, InfoForm, QUERY_CODE_LEN, QueryCode,
};
use gongkai_domain::application::outcome::{ApplicantKind, Outcome};
use gongkai_domain::audit::ActorRef;
use gongkai_domain::calendar::Calendar;
use gongkai_domain::catalog::{Category, DocKind, DocNo, ItemDraft, Transition, Validity};
use gongkai_domain::credit_code::{CreditCode, check_character};
use gongkai_store::{
    AccountStore, AgencyStore, AppealStore, ApplicationStore, CatalogStore, NewAccount,
    NewAppealCase, NewApplication, Store,
};

/// The day every test's server takes for today: a Monday, a working day.
pub const TODAY: NaiveDate = d(2026, 11, 30);

pub const GOVERNMENT: &str = "孟州市人民政府";
pub const CENTRE: &str = "孟州市公共资源交易中心";
pub const FINANCE: &str = "孟州市财政局";
pub const EDUCATION: &str = "孟州市教育局";

/// Every fixture account's password.
pub const PASSWORD: &str = "fixture-password-孟州-2026";

/// One account per role: user name, full name, role, agency.
pub const ACCOUNTS: [(&str, &str, Role, Option<&str>); 7] = [
    ("admin", "平台管理员", Role::SystemAdmin, None),
    (
        "ggzy-admin",
        "交易中心管理员",
        Role::AgencyAdmin,
        Some(CENTRE),
    ),
    ("ggzy-clerk", "交易中心经办人", Role::Clerk, Some(CENTRE)),
    (
        "ggzy-reviewer",
        "交易中心审核人",
        Role::Reviewer,
        Some(CENTRE),
    ),
    (
        "mz-supervisor",
        "市政府监督人员",
        Role::Supervisor,
        Some(GOVERNMENT),
    ),
    ("auditor", "审计管理员", Role::AuditAdmin, None),
    ("security", "安全管理员", Role::SecurityAdmin, None),
];

/// The query code of every fixture application.
pub const QUERY_BYTES: [u8; QUERY_CODE_LEN] = [3, 14, 15, 9, 26, 5, 3, 5, 8, 9];

/// A date that is known to be valid.
pub const fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(y, m, day) {
        Some(date) => date,
        None => panic!("not a date"),
    }
}

/// [`PASSWORD`]'s hash, computed once per test process (argon2 is slow on purpose) and shared by every account.
pub async fn password_hash() -> String {
    static HASH: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
    HASH.get_or_init(|| async {
        gongkai_app::accounts::password::hash(PASSWORD.to_owned())
            .await
            .expect("a password hash")
    })
    .await
    .clone()
}

static CALENDAR: LazyLock<Calendar> =
    LazyLock::new(|| Calendar::builtin().expect("the built-in calendar"));

fn by() -> ActorRef {
    ActorRef::System {
        reason: "test fixture".into(),
    }
}

/// A credit code of 孟州市 (division 410883) with the check character GB 32100 requires: `MB000000n` is the
/// organisation code that an index number (索引号) starts with.
fn credit_code(n: u32) -> CreditCode {
    let head = format!("11410883MB{n:07}");
    let check = check_character(&head).expect("check character");
    CreditCode::parse(&format!("{head}{check}")).expect("credit code")
}

/// The agencies: name, kind, address, mailbox, telephone.
const AGENCIES: [(&str, AgencyKind, &str, &str, &str); 4] = [
    (
        GOVERNMENT,
        AgencyKind::Government,
        "河阳街道政府路1号",
        "zfxxgk",
        "0391-8100001",
    ),
    (
        CENTRE,
        AgencyKind::Department,
        "会昌路88号公共资源交易中心大楼",
        "ggzyjy",
        "0391-8100088",
    ),
    (
        FINANCE,
        AgencyKind::Department,
        "河阳街道财政路6号",
        "czj",
        "0391-8100016",
    ),
    (
        EDUCATION,
        AgencyKind::Department,
        "河阳街道学院路12号",
        "jyj",
        "0391-8100012",
    ),
];

/// The agency tree and the accounts.
pub async fn agencies_and_accounts(store: &Store) {
    let mut government = None;
    for (n, (name, kind, address, mail, phone)) in (1..).zip(AGENCIES) {
        let contact = |address: String| Contact {
            address,
            office_hours: "工作日 上午 8:00-12:00，下午 15:00-18:00（夏季）".to_owned(),
            phone: phone.to_owned(),
            fax: phone.to_owned(),
            email: format!("{mail}@mengzhou.example.cn"),
        };
        let profile = AgencyProfile {
            credit_code: Some(credit_code(n)),
            contact: contact(format!("河南省孟州市{address}")),
            website: "http://www.mengzhou.example.cn".to_owned(),
            office_name: format!("{name}政府信息公开工作办公室"),
            office: contact(format!("河南省孟州市{address}，政府信息公开工作办公室")),
            ..AgencyProfile::named(name, kind)
        };
        let created = store
            .create_agency(government, &profile, &by())
            .await
            .expect("agency");
        assert_eq!(
            created.id.0,
            i64::from(n),
            "{name} has the id tests address it by"
        );
        government.get_or_insert(created.id);
    }
    let hash = password_hash().await;
    for (username, display_name, role, agency) in ACCOUNTS {
        let agency = match agency {
            Some(name) => Some(agency_id(store, name).await),
            None => None,
        };
        let new = NewAccount {
            username: Username::parse(username).expect("user name"),
            display_name: display_name.to_owned(),
            role,
            agency,
            password_hash: hash.clone(),
        };
        store.create_account(&new, &by()).await.expect("account");
    }
}

async fn agency_id(store: &Store, name: &str) -> AgencyId {
    store
        .agency_by_name_or_code(name)
        .await
        .expect("read")
        .unwrap_or_else(|| panic!("no agency {name}"))
        .id
}

/// A catalogue item: drafted and sent for review on the day it was formed, and approved on `published_on`
/// (waiting in review without it).
#[derive(Debug, Clone)]
pub struct ItemSpec {
    pub agency: &'static str,
    pub title: &'static str,
    pub doc_no: Option<&'static str>,
    /// A category code (`a20_01` …).
    pub category: &'static str,
    /// The issuer; the agency when empty.
    pub issuer: &'static str,
    pub formed_on: NaiveDate,
    pub published_on: Option<NaiveDate>,
    pub kind: DocKind,
    pub summary: &'static str,
    pub body: &'static str,
}

impl Default for ItemSpec {
    fn default() -> Self {
        Self {
            agency: CENTRE,
            title: "",
            doc_no: None,
            category: "a21_02",
            issuer: "",
            formed_on: d(2025, 3, 3),
            published_on: Some(d(2025, 3, 10)),
            kind: DocKind::Other,
            summary: "",
            body: "",
        }
    }
}

pub async fn item(store: &Store, spec: &ItemSpec) {
    let draft = ItemDraft {
        title: spec.title.to_owned(),
        doc_no: spec.doc_no.map(|n| DocNo::parse(n).expect("文号")),
        category: Category::from_code(spec.category).expect("category"),
        subject: None,
        issuer: if spec.issuer.is_empty() {
            spec.agency
        } else {
            spec.issuer
        }
        .to_owned(),
        formed_on: spec.formed_on,
        summary: spec.summary.to_owned(),
        kind: spec.kind,
        validity: Validity::Valid,
        body: spec.body.to_owned(),
    };
    let agency = agency_id(store, spec.agency).await;
    let created = store
        .create_item(agency, &draft, &by())
        .await
        .expect("item");
    store
        .transition_item(created.id, &Transition::Submit, spec.formed_on, &by())
        .await
        .expect("submitted");
    if let Some(on) = spec.published_on {
        store
            .transition_item(created.id, &Transition::Approve, on, &by())
            .await
            .expect("published");
    }
}

/// An application received on a day, with the steps taken on it since, each planned by the domain against
/// what is stored (as the console plans a caseworker's step) with today [`TODAY`].
#[derive(Debug, Clone)]
pub struct ApplicationSpec {
    pub agency: &'static str,
    pub description: &'static str,
    pub kind: ApplicantKind,
    pub received_on: NaiveDate,
    pub steps: Vec<Action>,
}

impl ApplicationSpec {
    /// A person's online application with its steps.
    pub fn new(
        agency: &'static str,
        received_on: NaiveDate,
        description: &'static str,
        steps: Vec<Action>,
    ) -> Self {
        Self {
            agency,
            description,
            kind: ApplicantKind::NaturalPerson,
            received_on,
            steps,
        }
    }

    /// Decided on `on` with `outcome`.
    pub fn decided(
        agency: &'static str,
        received_on: NaiveDate,
        description: &'static str,
        on: NaiveDate,
        outcome: Outcome,
    ) -> Self {
        Self::new(
            agency,
            received_on,
            description,
            vec![Action::Decide { on, outcome }],
        )
    }

    pub fn by(mut self, kind: ApplicantKind) -> Self {
        self.kind = kind;
        self
    }
}

fn applicant(kind: ApplicantKind) -> ApplicantInput {
    let mut input = ApplicantInput {
        kind: kind.code().to_owned(),
        phone: "13800000000".into(),
        address: "河南省孟州市河阳街道1号".into(),
        ..ApplicantInput::default()
    };
    if kind.is_organisation() {
        input.name = "孟州市某建设工程有限公司".into();
        input.credit_code = "91350100M000100Y43".into();
        input.contact_name = "赵六".into();
    } else {
        input.name = "王建国".into();
        input.id_type = "resident_id".into();
        input.id_number = "11010519491231002X".into();
    }
    input
}

/// The event a step records (a fee notice is for 120 copied pages: 国办函〔2020〕109号, 70 × 10 + 20 × 20 =
/// 1,100 元).
fn event_of(action: &Action) -> Event {
    let notice = FeeNotice {
        method: FeeMethod::PerPage,
        count: None,
        pages: 120,
        amount_yuan: fee(FeeMethod::PerPage, 0, 120).expect("fee").amount_yuan,
        explanation: None,
        pay_within_working_days: None,
        service: None,
        pay_by: None,
    };
    Event::with_bare_particulars(action, &notice)
}

pub async fn application(store: &Store, spec: &ApplicationSpec) {
    let new = NewApplication {
        agency: agency_id(store, spec.agency).await,
        applicant_kind: spec.kind,
        applicant: serde_json::to_string(&applicant(spec.kind)).expect("JSON"),
        description: spec.description.to_owned(),
        info_form: InfoForm::Electronic,
        delivery: Delivery::Online,
        channel: Channel::Online,
        received_on: Some(spec.received_on),
        query_code_hash: QueryCode::from_random(&QUERY_BYTES).hash_hex(),
    };
    let mut app = store
        .create_application(&new, spec.received_on.year(), &by())
        .await
        .expect("application");
    let events = store.application_events(app.id).await.expect("events");
    let mut history = gongkai_app::calendar::clock_events(&events);
    for action in &spec.steps {
        let planned = plan(app.status, &history, action, TODAY, &CALENDAR)
            .unwrap_or_else(|e| panic!("{}: {action:?}: {e}", spec.description));
        let event = event_of(action);
        app = store
            .record_application_event(app.id, &event, action.on(), planned.status, &by())
            .await
            .expect("step");
        history.push(action.clock_event());
    }
}

/// A 行政复议 or 行政诉讼 case in the register, about one of the agency's applications (by description) or none.
#[derive(Debug, Clone)]
pub struct AppealSpec {
    pub agency: &'static str,
    pub kind: CaseKind,
    pub filed_on: NaiveDate,
    pub decision: Option<(NaiveDate, CaseOutcome)>,
    pub application: Option<&'static str>,
    pub note: &'static str,
}

pub async fn review(store: &Store, spec: &AppealSpec) {
    let agency = agency_id(store, spec.agency).await;
    let application = match spec.application {
        None => None,
        Some(description) => Some(
            store
                .applications_of(agency, false)
                .await
                .expect("applications")
                .into_iter()
                .find(|a| a.description == description)
                .unwrap_or_else(|| panic!("no application {description}"))
                .id,
        ),
    };
    let new = NewAppealCase {
        agency,
        kind: spec.kind,
        filed_on: spec.filed_on,
        application,
        note: spec.note.to_owned(),
    };
    let case = store.create_review_case(&new, &by()).await.expect("case");
    if let Some((on, outcome)) = spec.decision {
        store
            .record_review_decision(case.id, &Decision { on, outcome }, &by())
            .await
            .expect("decision");
    }
}

/// 孟政〔2020〕12号, the centre's tendering rules (issued by the government).
pub const TENDERING: &str = "孟州市公共资源交易招标投标管理办法";
/// The centre's application whose answer is disputed in the register.
pub const DISPUTED: &str = "2025年孟州市每一个小额工程项目的比选记录（每周重复提交同一内容的申请）";
/// The finance bureau's application (the centre's register cannot name it).
pub const FINANCE_BONDS: &str = "孟州市2024年政府债券资金使用情况";

/// A small published catalogue: the centre's tendering rules (孟政〔2020〕12号) beside its own 孟公资〔2020〕12号,
/// two of its items published late (条例第二十六条), one waiting in review, and one of the finance bureau's.
pub fn catalog() -> Vec<ItemSpec> {
    vec![
        ItemSpec {
            title: TENDERING,
            doc_no: Some("孟政〔2020〕12号"),
            category: "a20_01",
            issuer: GOVERNMENT,
            formed_on: d(2020, 6, 16),
            published_on: Some(d(2020, 6, 30)),
            kind: DocKind::NormativeDocument,
            summary: "规范本市公共资源交易招标投标活动，规定进场范围、招标投标全流程在电子化交易平台上进行、监督职责、专家抽取和中标候选人公示。",
            body: "第一条 为规范本市公共资源交易招标投标活动，维护国家利益、社会公共利益和招标投标活动当事人的合法权益，根据《中华人民共和国招标投标法》《中华人民共和国招标投标法实施条例》等法律法规，结合本市实际，制定本办法。\n\n\
                   第二条 本市行政区域内依法必须进行招标的工程建设项目，以及使用财政性资金的政府采购项目，应当进入孟州市公共资源交易中心进行交易。\n\n\
                   第三条 招标投标活动全面推行电子化交易。招标公告发布、招标文件获取、投标文件递交、开标、评标、定标等环节均应当通过孟州市公共资源电子化交易平台进行，不再接收纸质投标文件，法律法规另有规定的除外。",
            ..ItemSpec::default()
        },
        ItemSpec {
            title: "孟州市公共资源交易中心政府信息依申请公开办理规程",
            doc_no: Some("孟公资〔2020〕12号"),
            category: "a20_15",
            formed_on: d(2020, 4, 21),
            published_on: Some(d(2020, 4, 29)),
            body: "第一条 为规范本中心政府信息依申请公开工作，制定本规程。",
            ..ItemSpec::default()
        },
        ItemSpec {
            title: "孟州市公共资源交易中心2021年度部门预算",
            category: "a20_07",
            formed_on: d(2021, 3, 1),
            published_on: Some(d(2021, 4, 19)),
            body: "2021年度部门预算收支总额为386.5万元。",
            ..ItemSpec::default()
        },
        ItemSpec {
            title: "孟州市公共资源交易中心关于调整场地使用收费标准的通知",
            category: "a21_02",
            formed_on: d(2022, 5, 9),
            published_on: Some(d(2022, 7, 4)),
            body: "自2022年7月1日起调整开标室、评标室使用收费标准。",
            ..ItemSpec::default()
        },
        ItemSpec {
            title: "孟州市公共资源交易中心2026年政府信息公开工作要点",
            category: "a20_15",
            formed_on: d(2026, 11, 23),
            published_on: None,
            body: "2026年政府信息公开工作要点。",
            ..ItemSpec::default()
        },
        ItemSpec {
            agency: FINANCE,
            title: "孟州市财政局2025年部门预算公开说明",
            category: "a20_07",
            formed_on: d(2025, 3, 3),
            published_on: Some(d(2025, 3, 10)),
            body: "孟州市财政局2025年部门预算公开说明。",
            ..ItemSpec::default()
        },
    ]
}

/// A few applications to every department from 2022 to 2026: in 2023 the centre receives three (and carries
/// one in from December 2022 and one out into 2024), one of them corrected (补正) before its answer; its
/// disputed one of 2025 and one still open today; the finance bureau's and the education bureau's.
pub fn applications() -> Vec<ApplicationSpec> {
    use Outcome::*;
    vec![
        ApplicationSpec::decided(
            CENTRE,
            d(2022, 12, 19),
            "2022年孟州市公共资源交易中心进场交易项目清单",
            d(2023, 1, 9),
            Open,
        ),
        ApplicationSpec::decided(
            CENTRE,
            d(2023, 3, 6),
            "孟州市公共资源交易中心2022年度政府采购合同汇总",
            d(2023, 3, 20),
            Partial,
        )
        .by(ApplicantKind::Business),
        ApplicationSpec::new(
            CENTRE,
            d(2023, 6, 5),
            "2023年孟州市某道路工程的评标报告",
            vec![
                Action::RequestCorrection {
                    on: d(2023, 6, 7),
                    correct_by: d(2023, 6, 21),
                },
                Action::CorrectionReceived { on: d(2023, 6, 12) },
                Action::Decide {
                    on: d(2023, 6, 26),
                    outcome: NotHeld,
                },
            ],
        ),
        ApplicationSpec::decided(
            CENTRE,
            d(2023, 12, 18),
            "2023年孟州市公共资源交易中心专家抽取记录",
            d(2024, 1, 8),
            Open,
        ),
        ApplicationSpec::decided(CENTRE, d(2025, 10, 13), DISPUTED, d(2025, 10, 27), Repeat),
        ApplicationSpec::new(
            CENTRE,
            d(2026, 11, 23),
            "2026年孟州市公共资源交易中心场地使用情况",
            vec![],
        ),
        ApplicationSpec::decided(
            FINANCE,
            d(2023, 4, 10),
            "孟州市2022年财政决算",
            d(2023, 4, 24),
            Open,
        ),
        ApplicationSpec::decided(FINANCE, d(2024, 5, 13), FINANCE_BONDS, d(2024, 5, 27), Open),
        ApplicationSpec::decided(
            EDUCATION,
            d(2023, 9, 11),
            "2023年孟州市城区义务教育学校招生划片范围",
            d(2023, 9, 18),
            Open,
        ),
    ]
}

/// The centre's register: a 行政复议 of 2024 corrected, a direct suit of 2025 still pending, and a 行政复议 of the
/// disputed application upheld in 2025.
pub fn register() -> Vec<AppealSpec> {
    vec![
        AppealSpec {
            agency: CENTRE,
            kind: CaseKind::Review,
            filed_on: d(2024, 3, 4),
            decision: Some((d(2024, 4, 15), CaseOutcome::Correct)),
            application: None,
            note: "焦作市人民政府行政复议（2024）",
        },
        AppealSpec {
            agency: CENTRE,
            kind: CaseKind::LitDirect,
            filed_on: d(2025, 6, 2),
            decision: None,
            application: None,
            note: "孟州市人民法院行政诉讼（2025）",
        },
        AppealSpec {
            agency: CENTRE,
            kind: CaseKind::Review,
            filed_on: d(2025, 11, 3),
            decision: Some((d(2025, 12, 1), CaseOutcome::Maintain)),
            application: Some(DISPUTED),
            note: "焦作市人民政府行政复议（2025）",
        },
    ]
}

/// Sets the e-mail address of the account `username` (its daily digest goes there).
pub async fn staff_email(store: &Store, username: &str, email: &str) {
    use gongkai_store::MailStore;
    let account = store
        .credentials(&Username::parse(username).expect("user name"))
        .await
        .expect("read")
        .expect("the account")
        .account;
    store
        .set_account_email(account.id, email, &by())
        .await
        .expect("address saved");
}
