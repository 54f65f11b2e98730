//! `gongkai import accounts FILE --passwords-to FILE`: a city's staff accounts in one command. Every row is
//! checked first (and every agency it names looked up); a rejected row is reported with its line and reasons,
//! and then nothing is written (or, with `--skip-invalid`, only the valid rows). The one-time passwords of the new
//! accounts go to a new file only the caller can read, never to the terminal or a log.

use std::io::Write;
use std::path::Path;

use gongkai_app::accounts::import::{
    AccountRow, COLUMNS, check_rows, import_accounts, read_rows, unknown_agencies,
};
use gongkai_domain::audit::ActorRef;
use gongkai_store::AccountStore;

use super::import::{file_error, report_rejected};
use super::store::{load_config, runtime};
use crate::args::ImportAccountsArgs;
use crate::load::{CliError, Exit};

/// Creates `path` for the caller alone (0600), refusing one that exists.
fn private_file(path: &Path) -> Result<std::fs::File, CliError> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options
        .open(path)
        .map_err(|e| CliError::io("cli.io.write_passwords", path, &e))
}

/// Creates the accounts of `valid` not there yet and writes their one-time passwords to `passwords_to` (made
/// only when there is a new account: a second run of the same file changes nothing and needs no new file).
pub async fn write_accounts(
    store: &gongkai_store::Store,
    valid: &[AccountRow],
    rejected: usize,
    passwords_to: &Path,
    by: &ActorRef,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let mut new = 0;
    for row in valid {
        if store
            .credentials(&row.username)
            .await
            .map_err(|e| CliError::coded(&e))?
            .is_none()
        {
            new += 1;
        }
    }
    let mut passwords = if new > 0 {
        Some(private_file(passwords_to)?)
    } else {
        None
    };
    let bar = indicatif::ProgressBar::new(valid.len() as u64);
    let done = import_accounts(store, valid, by, &mut || bar.inc(1)).await;
    bar.finish_and_clear();
    let done = done.map_err(|e| CliError::coded(&e))?;
    if let Some(passwords) = passwords.as_mut() {
        writeln!(passwords, "username,one_time_password")
            .and_then(|()| {
                done.created
                    .iter()
                    .try_for_each(|(user, pw)| writeln!(passwords, "{user},{pw}"))
            })
            .map_err(|e| CliError::io("cli.io.write_passwords", passwords_to, &e))?;
    }
    for (line, user) in &done.differing {
        writeln!(
            out,
            "第 {line} 行：账号 {user} 已存在，角色、机关或姓名与文件不同，未改动 / line {line}: the account {user} \
             exists with another role, agency or name; left as it is"
        )?;
    }
    let (new, old) = (done.created.len(), done.unchanged + done.differing.len());
    if new == 0 {
        // No password was made, so no file was written: do not send the operator looking for one.
        writeln!(
            out,
            "新建 0 个账号（没有新密码，未写入 {file}），已存在 {old} 个，拒绝 {rejected} 行 / 0 accounts created (no \
             new password, {file} not written), {old} already there, {rejected} rows rejected",
            file = passwords_to.display(),
        )?;
    } else {
        writeln!(
            out,
            "新建 {new} 个账号（一次性密码见 {file}，首次登录须修改），已存在 {old} 个，拒绝 {rejected} 行 / {new} \
             accounts created (one-time passwords in {file}, to be changed at first login), {old} already there, \
             {rejected} rows rejected",
            file = passwords_to.display(),
        )?;
    }
    Ok(())
}

pub fn run(args: &ImportAccountsArgs, out: &mut dyn Write) -> Result<Exit, CliError> {
    let bytes = std::fs::read(&args.file)
        .map_err(|e| CliError::io("cli.io.read_import", &args.file, &e))?;
    let rows = read_rows(&bytes).map_err(|e| file_error(&args.file, e, &COLUMNS))?;
    let (mut valid, mut rejected) = check_rows(&rows);
    runtime()?.block_on(async {
        let config = load_config(&args.store)?;
        let url = config.database().map_err(|e| CliError::coded(&e))?;
        let store = gongkai_store::Store::open(&url)
            .await
            .map_err(|e| CliError::coded(&e))?;
        rejected.extend(
            unknown_agencies(&store, &valid, &Default::default())
                .await
                .map_err(|e| CliError::coded(&e))?,
        );
        rejected.sort_by_key(|r| r.line);
        // With --skip-invalid, the rows that go on are the ones nobody refused.
        let refused: std::collections::BTreeSet<usize> = rejected.iter().map(|r| r.line).collect();
        valid.retain(|r| !refused.contains(&r.line));
        report_rejected(out, &rejected)?;
        if !rejected.is_empty() && !args.skip_invalid {
            writeln!(
                out,
                "{} 行被拒绝，未导入任何账号；修改后重试，或用 --skip-invalid 只导入有效的行 / {} rows rejected, no account \
                 imported; fix them and retry, or import the valid rows with --skip-invalid",
                rejected.len(),
                rejected.len()
            )?;
            store.close().await;
            return Ok(Exit::Findings);
        }
        let by = ActorRef::System {
            reason: format!("gongkai import accounts {}", args.file.display()),
        };
        write_accounts(&store, &valid, rejected.len(), &args.passwords_to, &by, out).await?;
        store.close().await;
        Ok(if rejected.is_empty() {
            Exit::Ok
        } else {
            Exit::Findings
        })
    })
}
