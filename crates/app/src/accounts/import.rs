//! `gongkai import accounts`: staff accounts from a file (CSV with a header, or JSON Lines) with the keys
//! `username`, `display_name`, `role` (an agency role: agency_admin, clerk, reviewer, supervisor), `agency` (its
//! name or 统一社会信用代码) and optionally `email`. Every row is checked first, each problem named; an account
//! whose name is taken already is left as it is (a second run changes nothing) and said so when it differs. Each
//! new account gets a one-time password, to be changed at its first login. The three platform administrators are
//! never imported (三员分立: `gongkai admin add` only).

use std::collections::{BTreeMap, BTreeSet};

use gongkai_domain::account::{Role, Username};
use gongkai_domain::audit::ActorRef;
use gongkai_domain::field::check_email;
use gongkai_store::{
    AccountSecurityStore, AccountStore, AgencyStore, MailStore, NewAccount, Store,
};

use super::password;
use crate::catalog::import::Rejected;
use crate::error::{AppError, AppResult};
use crate::import_file::{FileRow, ImportFileError, read_table};
use crate::secrets::random_password;

/// The most characters of a display name (as in the console's form).
const MAX_DISPLAY_NAME_CHARS: usize = 50;

/// The columns a row may have (others are ignored), the key first.
pub const COLUMNS: [&str; 5] = ["username", "display_name", "role", "agency", "email"];

/// A column as other systems name it, to gongkai's name for it.
pub fn canonical_column(header: &str) -> Option<&'static str> {
    let h = header.trim().trim_start_matches('\u{feff}');
    let known: [(&str, &[&str]); 5] = [
        ("username", &["username", "用户名", "账号", "登录名"]),
        ("display_name", &["display_name", "姓名", "名称"]),
        ("role", &["role", "角色"]),
        ("agency", &["agency", "机关", "单位", "所属机关"]),
        ("email", &["email", "电子邮箱", "邮箱"]),
    ];
    known
        .iter()
        .find(|(_, names)| names.contains(&h))
        .map(|(column, _)| *column)
}

/// The rows of an accounts file.
pub fn read_rows(bytes: &[u8]) -> Result<Vec<FileRow>, ImportFileError> {
    read_table(bytes, "username", canonical_column)
}

/// A row that passed its checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountRow {
    pub line: usize,
    pub username: Username,
    pub display_name: String,
    pub role: Role,
    /// The agency's name or credit code, as the file gives it.
    pub agency: String,
    pub email: String,
}

/// Checks every row on its own and against the others (a name twice in one file); no store is read.
pub fn check_rows(rows: &[FileRow]) -> (Vec<AccountRow>, Vec<Rejected>) {
    let (mut valid, mut rejected) = (Vec::new(), Vec::new());
    let mut seen = BTreeSet::new();
    for (line, row) in rows {
        let get = |k: &str| row.get(k).map(|v| v.trim()).unwrap_or("");
        let mut reasons = Vec::new();
        let username = Username::parse(get("username"))
            .map_err(|_| reasons.push("username：用户名为3至32位小写字母、数字或 ._- / 3 to 32 lower-case letters, digits or ._-".to_owned()))
            .ok();
        if let Some(u) = &username
            && !seen.insert(u.as_str().to_owned())
        {
            reasons.push("username：文件中重复 / twice in the file".to_owned());
        }
        let display_name = get("display_name");
        if display_name.is_empty() || display_name.chars().count() > MAX_DISPLAY_NAME_CHARS {
            reasons.push(format!(
                "display_name：必填，不超过{MAX_DISPLAY_NAME_CHARS}字 / required, at most {MAX_DISPLAY_NAME_CHARS} characters"
            ));
        } else if display_name.chars().any(char::is_control) {
            reasons.push("display_name：含控制字符 / holds a control character".to_owned());
        }
        // 三员分立: the platform administrators are made at the command line only.
        let role = Role::from_code(get("role")).filter(|r| r.needs_agency());
        if role.is_none() {
            reasons.push("role：应为 agency_admin、clerk、reviewer 或 supervisor / expected agency_admin, clerk, reviewer or supervisor".to_owned());
        }
        let agency = get("agency");
        if agency.is_empty() || agency.chars().count() > 100 {
            reasons.push("agency：必填，机关名称或统一社会信用代码 / required: the agency's name or credit code".to_owned());
        }
        let mut email_problems = Vec::new();
        check_email(&mut email_problems, "email", get("email"));
        if !email_problems.is_empty() {
            reasons.push("email：电子邮箱格式不正确 / not an e-mail address".to_owned());
        }
        match (username, role, reasons.is_empty()) {
            (Some(username), Some(role), true) => valid.push(AccountRow {
                line: *line,
                username,
                display_name: display_name.to_owned(),
                role,
                agency: agency.to_owned(),
                email: get("email").to_owned(),
            }),
            _ => rejected.push(Rejected {
                line: *line,
                reasons,
            }),
        }
    }
    (valid, rejected)
}

/// What an import did.
#[derive(Debug, Default)]
pub struct AccountsImported {
    /// New accounts and their one-time passwords, in the file's order.
    pub created: Vec<(String, String)>,
    /// Accounts that were there already, as the file has them.
    pub unchanged: usize,
    /// Accounts there already with another role, agency or name than the file's: left as they are.
    pub differing: Vec<(usize, String)>,
}

/// The agencies the rows name that the store has not, as rejected rows (checked before anything is written).
pub async fn unknown_agencies(
    store: &Store,
    rows: &[AccountRow],
    also_known: &BTreeSet<String>,
) -> AppResult<Vec<Rejected>> {
    let mut out = Vec::new();
    let mut known: BTreeMap<String, bool> =
        also_known.iter().map(|name| (name.clone(), true)).collect();
    for row in rows {
        let found = match known.get(&row.agency) {
            Some(found) => *found,
            None => {
                let found = store.agency_by_name_or_code(&row.agency).await?.is_some();
                known.insert(row.agency.clone(), found);
                found
            }
        };
        if !found {
            out.push(Rejected {
                line: row.line,
                reasons: vec![format!(
                    "agency：没有机关“{0}” / no agency “{0}”",
                    row.agency
                )],
            });
        }
    }
    Ok(out)
}

/// Creates the accounts not there yet, each with a one-time password that must be changed at its first login,
/// all in one transaction, audited as created by `by`. The passwords are hashed on every core at once (argon2id
/// is slow on purpose); `progress` hears each row. Every row's agency must be in the store ([`unknown_agencies`]
/// says which are not, before anything is written).
pub async fn import_accounts(
    store: &Store,
    rows: &[AccountRow],
    by: &ActorRef,
    progress: &mut (dyn FnMut() + Send),
) -> AppResult<AccountsImported> {
    let mut done = AccountsImported::default();
    let mut agencies: BTreeMap<String, gongkai_domain::agency::AgencyId> = BTreeMap::new();
    let mut fresh = Vec::new();
    for row in rows {
        let agency = match agencies.get(&row.agency) {
            Some(id) => *id,
            None => {
                let id = store
                    .agency_by_name_or_code(&row.agency)
                    .await?
                    .ok_or(AppError::NotFound(
                        crate::error_code::ErrorCode::HttpNotFound,
                    ))?
                    .id;
                agencies.insert(row.agency.clone(), id);
                id
            }
        };
        if let Some(existing) = store.credentials(&row.username).await? {
            let a = &existing.account;
            let same = a.role == row.role
                && a.agency == Some(agency)
                && a.display_name == row.display_name;
            if same {
                done.unchanged += 1;
            } else {
                done.differing.push((row.line, row.username.to_string()));
            }
            progress();
            continue;
        }
        fresh.push((row, agency));
    }
    let hashed = hash_all(fresh.len(), progress).await?;
    let mut new = Vec::with_capacity(fresh.len());
    let mut passwords = Vec::with_capacity(fresh.len());
    for ((row, agency), (one_time, hash)) in fresh.iter().zip(hashed) {
        new.push(NewAccount {
            username: row.username.clone(),
            display_name: row.display_name.clone(),
            role: row.role,
            agency: Some(*agency),
            password_hash: hash,
        });
        passwords.push((row.username.to_string(), one_time));
    }
    let created = store.create_accounts(&new, by).await?;
    for ((row, _), account) in fresh.iter().zip(&created) {
        if !row.email.is_empty() {
            store.set_account_email(account.id, &row.email, by).await?;
        }
    }
    done.created = passwords;
    Ok(done)
}

/// `count` one-time passwords with their hashes, made on one thread per core (argon2id takes its 19 MiB and tens
/// of milliseconds each, on purpose); `progress` hears each as it is made.
async fn hash_all(
    count: usize,
    progress: &mut (dyn FnMut() + Send),
) -> AppResult<Vec<(String, String)>> {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let made = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&made);
    let mut work = tokio::task::spawn_blocking(move || {
        let per_thread = count.div_ceil(cores.max(1)).max(1);
        std::thread::scope(|scope| {
            let threads: Vec<_> = (0..count)
                .step_by(per_thread)
                .map(|start| {
                    let counter = &counter;
                    scope.spawn(move || {
                        let mut hasher = password::Hasher::new();
                        (start..(start + per_thread).min(count))
                            .map(|_| {
                                let one_time = random_password()
                                    .map_err(|e| AppError::Internal(format!("random: {e}")))?;
                                let hash = hasher.hash(&one_time)?;
                                counter.fetch_add(1, Ordering::Relaxed);
                                Ok((one_time, hash))
                            })
                            .collect::<AppResult<Vec<_>>>()
                    })
                })
                .collect();
            let mut all = Vec::with_capacity(count);
            for thread in threads {
                all.extend(
                    thread
                        .join()
                        .map_err(|_| AppError::Internal("password hashing thread".into()))??,
                );
            }
            Ok::<_, AppError>(all)
        })
    });
    let mut told = 0;
    loop {
        tokio::select! {
            finished = &mut work => {
                for _ in told..count {
                    progress();
                }
                return finished.map_err(|e| AppError::Internal(format!("password hashing task: {e}")))?;
            }
            () = tokio::time::sleep(std::time::Duration::from_millis(200)) => {
                let now = made.load(Ordering::Relaxed);
                for _ in told..now {
                    progress();
                }
                told = now;
            }
        }
    }
}
