//! `gongkai serve` and `gongkai demo`.

use std::io::Write;

use gongkai_app::messages::{Lang, Messages};
use gongkai_store::{DatabaseUrl, Store};
use gongkai_web::demo::{self, DemoAccount};
use gongkai_web::{AppState, Config, serve, shutdown_signal};
use tokio::net::TcpListener;

use super::store::{load_config, runtime};
use crate::args::{DemoArgs, ServeArgs};
use crate::load::{CliError, Exit};

pub fn run_serve(args: &ServeArgs) -> Result<Exit, CliError> {
    let mut config = load_config(&args.store)?;
    if let Some(listen) = args.listen {
        config.listen = listen;
    }
    crate::init_server_tracing(config.log_format);
    runtime()?.block_on(async {
        let url = config
            .database()
            .map_err(|e| CliError::msg(e.to_string()))?;
        let store = Store::open(&url)
            .await
            .map_err(|e| CliError::msg(e.to_string()))?;
        tracing::info!(database = store.location(), "store ready");
        let listener = bind(&config).await?;
        let state = AppState::new(store, config).map_err(CliError::msg)?;
        let address = listener
            .local_addr()
            .map_err(|e| CliError::msg(e.to_string()))?;
        println!("gongkai 已启动 / serving at http://{address}/");
        let _ = std::io::stdout().flush();
        serve(state, listener, shutdown_signal())
            .await
            .map_err(|e| CliError::msg(e.to_string()))?;
        Ok(Exit::Ok)
    })
}

async fn bind(config: &Config) -> Result<TcpListener, CliError> {
    TcpListener::bind(config.listen).await.map_err(|e| {
        CliError::msg(format!(
            "无法监听 {addr}：{e}；可用 --listen 换一个地址 / cannot listen on {addr}: {e}; choose another with --listen",
            addr = config.listen
        ))
    })
}

pub fn run_demo(args: &DemoArgs, out: &mut dyn Write) -> Result<Exit, CliError> {
    let mut config = load_config(&Default::default())?;
    config.listen = args.listen;
    config.data_dir = args.data_dir.clone();
    config.database_url = None;
    if !args.setup_only {
        crate::init_server_tracing(config.log_format);
    }
    runtime()?.block_on(async {
        let url = DatabaseUrl::in_data_dir(&args.data_dir);
        let store = Store::open(&url)
            .await
            .map_err(|e| CliError::msg(e.to_string()))?;
        let accounts = demo::prepare(&store, &args.data_dir)
            .await
            .map_err(|e| CliError::msg(e.to_string()))?;
        if args.setup_only {
            print_accounts(out, &args.data_dir, None, &accounts)?;
            return Ok(Exit::Ok);
        }
        let listener = bind(&config).await?;
        let address = listener
            .local_addr()
            .map_err(|e| CliError::msg(e.to_string()))?;
        print_accounts(out, &args.data_dir, Some(address), &accounts)?;
        let mut state = AppState::new(store, config).map_err(CliError::msg)?;
        state.demo = true;
        serve(state, listener, shutdown_signal())
            .await
            .map_err(|e| CliError::msg(e.to_string()))?;
        Ok(Exit::Ok)
    })
}

fn print_accounts(
    out: &mut dyn Write,
    data_dir: &std::path::Path,
    address: Option<std::net::SocketAddr>,
    accounts: &[DemoAccount],
) -> Result<(), CliError> {
    let mut text = String::new();
    text.push_str("gongkai 演示 / demo\n");
    text.push_str(&format!(
        "  数据目录 / data folder: {} (SQLite)\n",
        data_dir.display()
    ));
    if let Some(a) = address {
        text.push_str(&format!("  门户 / portal:   http://{a}/\n"));
        text.push_str(&format!("  工作台 / console: http://{a}/console/login\n"));
    }
    text.push_str("  账号 / accounts (用户名 user, 密码 password, 机关 agency, 角色 role):\n");
    let catalogue = Messages::builtin().map_err(CliError::msg)?;
    for acc in accounts {
        let key = format!("role_{}", acc.role);
        let role = format!(
            "{} / {}",
            catalogue.text(Lang::Zh, &key),
            catalogue.text(Lang::En, &key)
        );
        text.push_str(&format!(
            "    {:<15} {:<21} {}  {}\n",
            acc.username,
            acc.password,
            acc.agency.as_deref().unwrap_or("全平台 / every agency"),
            role,
        ));
    }
    if address.is_some() {
        text.push_str("  按 Ctrl-C 停止 / press Ctrl-C to stop\n");
    }
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(CliError::from)
}
