//! Commands that open the store: `gongkai migrate`, `gongkai audit verify`, `gongkai admin add`.

use std::io::Write;

use gongkai_app::Config;
use gongkai_app::accounts::provision::add_platform_admin;
use gongkai_domain::account::{Role, Username};
use gongkai_domain::audit::ActorRef;
use gongkai_store::{AuditFilter, AuditLog, Store};

use crate::args::{AdminAddArgs, StoreArgs, VerifyArgs};
use crate::load::{CliError, Exit};
use crate::words::{say, text};
use gongkai_app::messages::Arg;

pub fn runtime() -> Result<tokio::runtime::Runtime, CliError> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| CliError::msg(say("cli.runtime", vec![("error", Arg::text(&e))])))
}

/// Defaults, then the configuration file (`--config` or `GONGKAI_CONFIG`), then `GONGKAI_*`, then the flags.
pub fn load_config(args: &StoreArgs) -> Result<Config, CliError> {
    let file = args
        .config
        .clone()
        .or_else(|| std::env::var_os("GONGKAI_CONFIG").map(Into::into));
    let mut config =
        Config::load(file.as_deref(), std::env::vars()).map_err(|e| CliError::coded(&e))?;
    if let Some(url) = &args.database {
        config.database_url = Some(url.clone());
    }
    if let Some(dir) = &args.data_dir {
        config.data_dir = dir.clone();
        config.database_url = None;
    }
    Ok(config)
}

async fn open(args: &StoreArgs, migrate: bool) -> Result<Store, CliError> {
    let config = load_config(args)?;
    let url = config.database().map_err(|e| CliError::coded(&e))?;
    let store = if migrate {
        Store::open(&url).await
    } else {
        Store::connect(&url).await
    };
    let store = store.map_err(|e| CliError::coded(&e))?;
    // The keys personal data is sealed with, when the key file exists (a command never creates one).
    gongkai_app::keys::attach(&store, &config, false).map_err(|e| CliError::coded(&e))?;
    Ok(store)
}

/// The store, which must exist already with its migrations applied (a read-only command creates nothing).
pub async fn open_existing(args: &StoreArgs) -> Result<Store, CliError> {
    let store = open(args, false).await?;
    // A database without gongkai's tables answers with an error rather than `false`: the same to the operator.
    if store.ready().await.unwrap_or(false) {
        // Statistics only speed the command's reads up: a store busy beyond the wait is read without them.
        if let Err(e) = store.refresh_statistics().await {
            tracing::warn!(error = %e, "could not refresh the database's statistics");
        }
        return Ok(store);
    }
    Err(CliError::msg(format!(
        "{loc} 不是最新结构的 gongkai 数据库（可先运行 gongkai migrate）/ {loc} is not an up-to-date gongkai database (run gongkai migrate first)",
        loc = store.location()
    )))
}

pub fn run_migrate(args: &StoreArgs, out: &mut dyn Write) -> Result<Exit, CliError> {
    runtime()?.block_on(async {
        let store = open(args, false).await?;
        let applied = store.migrate().await.map_err(|e| CliError::coded(&e))?;
        writeln!(
            out,
            "数据库 {loc} 已是最新结构（本次应用 {applied} 个迁移）/ database {loc} is up to date ({applied} migrations applied now)",
            loc = store.location()
        )?;
        // Files an older version kept in the data folder move into the database, where every node finds them.
        let data_dir = load_config(args)?.data_dir;
        let moved = gongkai_app::attachments::disk::move_into_store(&store, &data_dir, &mut |_| {})
            .await
            .map_err(|e| CliError::coded(&e))?;
        if moved.files > 0 {
            writeln!(
                out,
                "已将 {n} 个文件（{bytes} 字节）从 {dir} 移入数据库 / moved {n} files ({bytes} bytes) from {dir} into the database",
                n = moved.files,
                bytes = moved.bytes,
                dir = data_dir.display()
            )?;
        }
        for (path, why) in &moved.left {
            writeln!(
                out,
                "未移动 / left on disk: {} ({why})",
                path.display()
            )?;
        }
        store.close().await;
        Ok(Exit::Ok)
    })
}

pub fn run_verify(args: &VerifyArgs, out: &mut dyn Write) -> Result<Exit, CliError> {
    runtime()?.block_on(async {
        let store = open(&args.store, false).await?;
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_message(text("cli.audit.verifying"));
        let progress = |n: u64| bar.set_position(n);
        let result = store
            .verify_audit(&args.anchors, &progress)
            .await
            .map_err(|e| CliError::coded(&e));
        bar.finish_and_clear();
        let exit = match result? {
            Ok(count) => {
                let said = say(
                    "cli.audit.intact",
                    vec![
                        ("count", Arg::number(count)),
                        ("location", Arg::text(store.location())),
                    ],
                );
                writeln!(out, "{said}")?;
                Exit::Ok
            }
            Err(broken) => {
                let said = say(
                    "cli.audit.broken",
                    vec![("chain_break", Arg::said(&broken))],
                );
                writeln!(out, "{said}")?;
                let seq = broken.seq();
                let filter = AuditFilter {
                    agencies: None,
                    before_seq: Some(seq + 1),
                    limit: 1,
                };
                let found = store
                    .audit_events(&filter)
                    .await
                    .map_err(|e| CliError::coded(&e))?;
                match found.first().filter(|e| e.seq == seq) {
                    Some(e) => writeln!(
                        out,
                        "  {} #{}: {} {} {} → {}",
                        text("cli.audit.event"),
                        e.seq,
                        e.at_ms,
                        e.actor_name,
                        e.action,
                        e.target
                    )?,
                    None => writeln!(
                        out,
                        "  {}",
                        say("cli.audit.event_gone", vec![("seq", Arg::number(seq))])
                    )?,
                }
                Exit::Findings
            }
        };
        store.close().await;
        Ok(exit)
    })
}

pub fn run_admin_add(args: &AdminAddArgs, out: &mut dyn Write) -> Result<Exit, CliError> {
    let username = Username::parse(&args.username).map_err(|_| {
        CliError::msg(say(
            "cli.admin.bad_username",
            vec![("username", Arg::text(&args.username))],
        ))
    })?;
    runtime()?.block_on(async {
        let store = open(&args.store, true).await?;
        let by = ActorRef::System {
            reason: "gongkai admin add".into(),
        };
        let role = Role::from_code(&args.role).unwrap_or(Role::SystemAdmin);
        let pw = add_platform_admin(&store, username.clone(), &args.display_name, role, &by)
            .await
            .map_err(|e| CliError::coded(&e))?;
        let (zh, en) = match role {
            Role::AuditAdmin => ("审计管理员", "audit administrator"),
            Role::SecurityAdmin => ("安全管理员", "security administrator"),
            _ => ("系统管理员", "system administrator"),
        };
        writeln!(
            out,
            "已创建{zh} {username}，初始密码 / {en} {username} created, initial password: {pw}\n\
             请登录后在“修改密码”中更换 / sign in and change it under “修改密码 / Change password”"
        )?;
        store.close().await;
        Ok(Exit::Ok)
    })
}

pub fn run_head(args: &StoreArgs, out: &mut dyn Write) -> Result<Exit, CliError> {
    runtime()?.block_on(async {
        let store = open(args, false).await?;
        let head = store.audit_head().await.map_err(|e| CliError::coded(&e))?;
        match head {
            Some(anchor) => writeln!(
                out,
                "{anchor}\n请把这一行保存在数据库之外（纸面、另一台机器、公开发布）；日后用 \
                 `gongkai audit verify --expect {anchor}` 核验 / keep this line outside the database (on paper, \
                 another machine, published); later, `gongkai audit verify --expect {anchor}` checks it"
            )?,
            None => writeln!(out, "{}", text("cli.audit.none"))?,
        }
        store.close().await;
        Ok(Exit::Ok)
    })
}
