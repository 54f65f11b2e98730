//! gongkai's demo, a crate of its own so that the server does not ship it: 孟州市人民政府 with 孟州市公共资源交易中心 (whose 2020 annual report this project started from) and two
//! other departments below it, and one account per role. Created once per data folder; the generated
//! passwords are kept beside the database (readable by its owner only) so that every start can print them.

use std::path::Path;

use chrono::NaiveDate;
use gongkai_domain::account::{Role, Username};
use gongkai_domain::agency::{AgencyId, AgencyKind, AgencyProfile, Contact};
use gongkai_domain::audit::ActorRef;
use gongkai_domain::calendar::Calendar;
use gongkai_domain::catalog::{Category, DocKind, DocNo, ItemDraft, Subject, Transition, Validity};
use gongkai_domain::credit_code::{CreditCode, check_character};
use gongkai_store::{
    AccountStore, AgencyStore, CatalogStore, ItemFilter, NewAccount, Store, StoreError,
};

use gongkai_app::AppError;
use gongkai_app::accounts::password;
use gongkai_app::secrets::random_password;
use gongkai_domain::message::{Arg, Args, Coded};
use serde::{Deserialize, Serialize};

use crate::catalog::{DemoItem, demo_items};

pub mod appeals;
pub mod applications;
pub mod bench;
pub mod catalog;
pub mod reports;

pub const CREDENTIALS_FILE: &str = "demo-accounts.toml";
pub const CENTRE: &str = "孟州市公共资源交易中心";
pub const GOVERNMENT: &str = "孟州市人民政府";

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct DemoAccount {
    pub username: String,
    pub password: String,
    pub role: String,
    pub agency: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
struct CredentialsFile {
    accounts: Vec<DemoAccount>,
}

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    // Stable codes: see `DemoError::code`.
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{0}")]
    App(#[from] AppError),
    #[error("the data folder {0} holds data but no demo account file; use a new --data-dir")]
    NotADemo(String),
    #[error("cannot read or write the demo account file {path}: {why}")]
    File { path: String, why: String },
}

impl DemoError {
    pub fn code(&self) -> &'static str {
        match self {
            Self::Store(e) => e.code(),
            Self::App(e) => e.code().as_str(),
            Self::NotADemo(_) => "demo.not_a_demo",
            Self::File { .. } => "demo.file",
        }
    }
}

/// What the command line prints, in the words of the locale files.
impl Coded for DemoError {
    fn code(&self) -> &'static str {
        match self {
            Self::Store(e) => e.code(),
            Self::App(e) => Coded::code(e),
            Self::NotADemo(_) => "demo.not_a_demo",
            Self::File { .. } => "demo.file",
        }
    }

    fn args(&self) -> Args {
        match self {
            Self::Store(e) => e.args(),
            Self::App(e) => e.args(),
            Self::NotADemo(dir) => vec![("dir", Arg::text(dir))],
            Self::File { path, why } => vec![("path", Arg::text(path)), ("why", Arg::text(why))],
        }
    }
}

/// A demo credit code: 11 (机关), 410883 (孟州市's division code), a made-up organisation code, and the check
/// character GB 32100 requires.
fn demo_code(n: u32) -> Option<CreditCode> {
    let head = format!("11410883MB{n:07}");
    let check = check_character(&head).ok()?;
    CreditCode::parse(&format!("{head}{check}")).ok()
}

fn profile(
    name: &str,
    kind: AgencyKind,
    n: u32,
    phone: &str,
    office: &str,
    mail: &str,
) -> AgencyProfile {
    let contact = |address: &str| Contact {
        address: address.to_owned(),
        office_hours: "工作日 上午 8:00-12:00，下午 15:00-18:00（夏季）".to_owned(),
        phone: phone.to_owned(),
        fax: phone.to_owned(),
        email: format!("{mail}@mengzhou.example.cn"),
    };
    AgencyProfile {
        name: name.to_owned(),
        credit_code: demo_code(n),
        kind,
        contact: contact(&format!("河南省孟州市{office}")),
        website: "http://www.mengzhou.example.cn".to_owned(),
        office_name: format!("{name}政府信息公开工作办公室"),
        office: contact(&format!("河南省孟州市{office}，政府信息公开工作办公室")),
        review_body: String::new(),
        // The 发文机关代字 of the demo's letters (孟公资依申告〔2026〕13号).
        doc_prefix: match name {
            CENTRE => "孟公资",
            "孟州市财政局" => "孟财",
            "孟州市教育局" => "孟教",
            _ => "孟政",
        }
        .to_owned(),
    }
}

/// The demo's departments below 孟州市人民政府: name, address, mailbox, telephone.
const DEPARTMENTS: [(&str, &str, &str, &str); 3] = [
    (
        CENTRE,
        "会昌路88号公共资源交易中心大楼",
        "ggzyjy",
        "0391-8100088",
    ),
    ("孟州市财政局", "河阳街道财政路6号", "czj", "0391-8100016"),
    ("孟州市教育局", "河阳街道学院路12号", "jyj", "0391-8100012"),
];

/// One account per role: user name, full name, role, agency.
const ACCOUNTS: [(&str, &str, Role, Option<&str>); 7] = [
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

/// Creates the demo, or completes one that a crash interrupted, and returns its accounts. The passwords are
/// chosen and saved first, then every agency and account missing from the store is created, so that a
/// second start, or one after a failure half way, ends with the same complete demo. What would have happened
/// by `today` is there (an item or step dated later is left for a later start).
pub async fn prepare(
    store: &Store,
    data_dir: &Path,
    today: NaiveDate,
) -> Result<Vec<DemoAccount>, DemoError> {
    let file = data_dir.join(CREDENTIALS_FILE);
    let accounts = if file.exists() {
        read_credentials(&file)?
    } else if !store.agencies().await?.is_empty() {
        return Err(DemoError::NotADemo(data_dir.display().to_string()));
    } else {
        let mut planned = Vec::new();
        for (username, _, role, agency) in ACCOUNTS {
            planned.push(DemoAccount {
                username: username.to_owned(),
                password: random_password()
                    .map_err(|e| AppError::Internal(format!("random: {e}")))?,
                role: role.code().to_owned(),
                agency: agency.map(str::to_owned),
            });
        }
        write_credentials(&file, &planned)?;
        planned
    };
    let by = ActorRef::System {
        reason: "gongkai demo".into(),
    };
    let gov = AgencyProfile {
        // 孟州市 is a county-level city under 焦作市, which is not in the demo's tree: the government's letters
        // name the 复议机关 above it from its profile (行政复议法（2023）第二十四条).
        review_body: "焦作市人民政府".to_owned(),
        ..profile(
            GOVERNMENT,
            AgencyKind::Government,
            1,
            "0391-8100001",
            "河阳街道政府路1号",
            "zfxxgk",
        )
    };
    let gov = ensure_agency(store, None, &gov, &by).await?;
    for (n, (name, office, mail, phone)) in (2..).zip(DEPARTMENTS) {
        let p = profile(name, AgencyKind::Department, n, phone, office, mail);
        ensure_agency(store, Some(gov), &p, &by).await?;
    }
    for (username, display_name, role, agency) in ACCOUNTS {
        let name = Username::parse(username).map_err(|_| AppError::Internal(username.into()))?;
        if store.credentials(&name).await?.is_some() {
            continue;
        }
        let Some(saved) = accounts.iter().find(|a| a.username == username) else {
            return Err(file_error(&file, format!("no password for {username}")));
        };
        let agency = match agency {
            Some(a) => Some(
                store
                    .agency_by_name_or_code(a)
                    .await?
                    .ok_or(StoreError::NotFound { what: "agency" })?
                    .id,
            ),
            None => None,
        };
        let new = NewAccount {
            username: name,
            display_name: display_name.to_owned(),
            role,
            agency,
            password_hash: password::hash(saved.password.clone()).await?,
        };
        store.create_account(&new, &by).await?;
    }
    seed_catalog(store, &by, today).await?;
    let calendar = Calendar::builtin().map_err(|e| AppError::Internal(e.to_string()))?;
    let cases = applications::demo_cases().map_err(AppError::Internal)?;
    applications::seed_applications(store, &calendar, &cases, today).await?;
    if let Some(centre) = store.agency_by_name_or_code(CENTRE).await? {
        reports::seed_report_inputs(store, centre.id).await?;
    }
    // The 行政复议 and 行政诉讼 register after the applications some of its cases concern.
    let reviews = appeals::demo_appeal_cases().map_err(AppError::Internal)?;
    appeals::seed_appeal_cases(store, &reviews, today).await?;
    Ok(accounts)
}

/// The demo catalogue: each item drafted, sent for review and approved on the day it was published, as an
/// agency's staff would have done; an item whose day has not come yet waits in review.
async fn seed_catalog(store: &Store, by: &ActorRef, today: NaiveDate) -> Result<(), DemoError> {
    let calendar = Calendar::builtin().map_err(|e| AppError::Internal(e.to_string()))?;
    for demo in &demo_items().map_err(AppError::Internal)? {
        let Some(agency) = store.agency_by_name_or_code(&demo.agency).await? else {
            continue;
        };
        let existing = ItemFilter {
            agencies: Some(vec![agency.id]),
            page: 1,
            per_page: 200,
            ..ItemFilter::default()
        };
        let (items, _) = store.items(&existing).await?;
        if items.iter().any(|i| i.draft.title == demo.title) {
            continue;
        }
        let draft = demo_draft(demo)
            .map_err(|why| AppError::Internal(format!("demo item {}: {why}", demo.title)))?;
        let item = store.create_item(agency.id, &draft, by).await?;
        store
            .transition_item(item.id, &Transition::Submit, draft.formed_on, by)
            .await?;
        let published = calendar
            .add_working_days(draft.formed_on, demo.publish_after_working_days)
            .map_err(|e| AppError::Internal(e.to_string()))?
            .due;
        if published <= today {
            store
                .transition_item(item.id, &Transition::Approve, published, by)
                .await?;
        }
    }
    Ok(())
}

fn demo_draft(d: &DemoItem) -> Result<ItemDraft, String> {
    let date = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|e| format!("{s}: {e}"));
    let validity_on = if d.validity_on.is_empty() {
        None
    } else {
        Some(date(&d.validity_on)?)
    };
    Ok(ItemDraft {
        title: d.title.clone(),
        doc_no: if d.doc_no.is_empty() {
            None
        } else {
            Some(DocNo::parse(&d.doc_no).map_err(|e| e.to_string())?)
        },
        category: Category::from_code(&d.category).ok_or("category")?,
        subject: Some(Subject::parse(&d.subject).map_err(|e| e.to_string())?),
        issuer: d.issuer.clone(),
        formed_on: date(&d.formed_on)?,
        summary: d.summary.clone(),
        kind: match d.kind.as_str() {
            "normative" => DocKind::NormativeDocument,
            "regulation" => DocKind::Regulation,
            _ => DocKind::Other,
        },
        validity: Validity::from_code(&d.validity, validity_on).ok_or("validity")?,
        body: d.body.clone(),
    })
}

async fn ensure_agency(
    store: &Store,
    parent: Option<AgencyId>,
    profile: &AgencyProfile,
    by: &ActorRef,
) -> Result<AgencyId, DemoError> {
    match store.agency_by_name_or_code(&profile.name).await? {
        Some(found) => Ok(found.id),
        None => Ok(store.create_agency(parent, profile, by).await?.id),
    }
}

fn file_error(path: &Path, why: impl std::fmt::Display) -> DemoError {
    DemoError::File {
        path: path.display().to_string(),
        why: why.to_string(),
    }
}

fn read_credentials(path: &Path) -> Result<Vec<DemoAccount>, DemoError> {
    let text = std::fs::read_to_string(path).map_err(|e| file_error(path, e))?;
    let parsed: CredentialsFile = toml::from_str(&text).map_err(|e| file_error(path, e))?;
    Ok(parsed.accounts)
}

fn write_credentials(path: &Path, accounts: &[DemoAccount]) -> Result<(), DemoError> {
    let text = toml::to_string(&CredentialsFile {
        accounts: accounts.to_vec(),
    })
    .map_err(|e| file_error(path, e))?;
    let header = "# gongkai 演示账号（仅供演示）/ gongkai demo accounts (demo only)\n";
    std::fs::create_dir_all(path.parent().unwrap_or(Path::new(".")))
        .map_err(|e| file_error(path, e))?;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    // Readable by its owner only from the moment it exists: it holds passwords.
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut out = options.open(path).map_err(|e| file_error(path, e))?;
    std::io::Write::write_all(&mut out, format!("{header}{text}").as_bytes())
        .map_err(|e| file_error(path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demos_own_errors_have_words_in_both_languages() {
        let words = gongkai_app::messages::Messages::builtin().expect("messages");
        for e in [
            DemoError::NotADemo("/tmp/x".into()),
            DemoError::File {
                path: "/tmp/x/demo-accounts.toml".into(),
                why: "denied".into(),
            },
        ] {
            for lang in [
                gongkai_app::messages::Lang::Zh,
                gongkai_app::messages::Lang::En,
            ] {
                assert!(words.has(lang, e.code()), "{} in {lang:?}", e.code());
            }
            let both = words.say_both(&e);
            assert!(both.contains("/tmp/x") && !both.contains('{'), "{both}");
        }
    }

    #[test]
    fn demo_codes_carry_a_right_check_character() {
        for n in 1..=4 {
            assert!(demo_code(n).is_some(), "{n}");
        }
    }
}
