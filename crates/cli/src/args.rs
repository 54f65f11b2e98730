//! The command line, as clap reads it.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use gongkai_report::RenderTarget;

/// gongkai：政府信息公开平台 / a platform for government information disclosure.
#[derive(Debug, Parser)]
#[command(name = "gongkai", version, about, propagate_version = true)]
pub struct Cli {
    /// 输出更多日志（-v 信息，-vv 调试）/ more log output (-v info, -vv debug); RUST_LOG overrides
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 政府信息公开工作年度报告 / annual reports on government information disclosure
    #[command(subcommand)]
    Report(ReportCommand),
    /// 启动服务（公开门户与工作台）/ run the server (public portal and staff console)
    Serve(ServeArgs),
    /// 启动演示站点（首次运行时创建演示数据）/ run the demo site (created on first run)
    Demo(DemoArgs),
    /// 将数据库结构升级到当前版本 / bring the database schema up to this version
    Migrate(StoreArgs),
    /// 审计记录 / the audit trail
    #[command(subcommand)]
    Audit(AuditCommand),
    /// 平台管理员账号 / platform administrator accounts
    #[command(subcommand)]
    Admin(AdminCommand),
    /// 计算依申请公开的答复期限 / the reply deadline of an application for disclosure
    Deadline(DeadlineArgs),
    /// 生成用于基准测试的模拟数据（省市县机关、目录、申请、复议诉讼案件）/ generate a realistic store for
    /// benchmarks (a province's agencies, catalogue, applications, appeal cases)
    BenchData(BenchDataArgs),
    /// 从其他系统导入 / import from another system
    #[command(subcommand)]
    Import(ImportCommand),
    /// 工作人员每日待办邮件 / the staff's daily digest e-mail
    #[command(subcommand)]
    Digest(DigestCommand),
    /// 邮件发件箱 / the e-mail outbox
    #[command(subcommand)]
    Mail(MailCommand),
    /// 目录检索索引 / the catalogue's search index
    #[command(subcommand)]
    Search(SearchCommand),
    /// 个人信息加密密钥 / the keys that seal personal data
    #[command(subcommand)]
    Keys(KeysCommand),
    /// 申请人个人信息 / applicants' personal data
    #[command(subcommand)]
    Applicants(ApplicantsCommand),
    /// 在服务运行时备份数据库与文件（含清单与哈希）/ copy the database and files while the server runs (with a
    /// manifest of digests)
    Backup(BackupArgs),
    /// 将备份恢复到空的数据库与数据目录（先核对每个文件）/ restore a copy into an empty store (every file checked
    /// first)
    Restore(RestoreArgs),
}

#[derive(Debug, Subcommand)]
pub enum ApplicantsCommand {
    /// 将办结超过保存期限（retention_years）的申请的申请人信息匿名化 / anonymise the applicants of cases closed
    /// longer ago than the retention period (retention_years)
    Anonymise(AnonymiseArgs),
}

#[derive(Debug, Args)]
pub struct AnonymiseArgs {
    /// 只列出将要匿名化的申请，不作改动 / only list what would be anonymised, change nothing
    #[arg(long)]
    pub dry_run: bool,
    #[command(flatten)]
    pub store: StoreArgs,
}

#[derive(Debug, Subcommand)]
pub enum KeysCommand {
    /// 生成新密钥（按配置 crypto 选择算法）并用它重新加密全部申请人信息 / add a new key (of the configured
    /// algorithm) and re-seal every applicant with it
    Rotate(StoreArgs),
}

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// 备份写入的新目录 / the new folder the copy is written to
    #[arg(long, value_name = "DIR")]
    pub to: PathBuf,
    #[command(flatten)]
    pub store: StoreArgs,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// 备份所在目录 / the folder holding the copy
    #[arg(long, value_name = "DIR")]
    pub from: PathBuf,
    #[command(flatten)]
    pub store: StoreArgs,
}

#[derive(Debug, Subcommand)]
pub enum SearchCommand {
    /// 重新提取全部附件文字并重建本节点的检索索引（请先停止本节点的服务）/ read every attachment's text again and
    /// rebuild this node's search index (stop this node's server first)
    Reindex(StoreArgs),
}

#[derive(Debug, Subcommand)]
pub enum DigestCommand {
    /// 为有邮箱的工作人员排入某日的待办摘要（每日一次）/ queue a day's digest for staff with an address (once a day)
    Send(DigestSendArgs),
}

#[derive(Debug, Args)]
pub struct DigestSendArgs {
    /// 日期 YYYY-MM-DD，默认今天 / the day, YYYY-MM-DD, today by default
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    #[command(flatten)]
    pub store: StoreArgs,
}

#[derive(Debug, Subcommand)]
pub enum MailCommand {
    /// 立即发送到期的邮件（服务运行时会自动发送）/ send the messages that are due now (serve does it by itself)
    Send(StoreArgs),
}

#[derive(Debug, Args)]
pub struct DeadlineArgs {
    /// 收到申请之日 YYYY-MM-DD / the day the application was received
    #[arg(long, value_name = "DATE")]
    pub received: String,
}

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// 导入政府信息公开目录（CSV 或 JSON Lines）：全部有效才写入 / import a disclosure catalogue (CSV or JSON
    /// Lines): nothing is written unless every row is valid
    ///
    /// 退出码 / exit code: 0 已导入 imported; 1 有被拒绝的行 rows were rejected; 2 无法读取或写入 cannot read or write.
    Catalog(ImportCatalogArgs),
    /// 导入机关以往已发布的年度报告（文本、HTML、DOCX、PDF、OFD 或 JSON），供跨年度核对 / import an agency's
    /// earlier published annual report (text, HTML, DOCX, PDF, OFD or JSON) for the cross-year checks
    Report(ImportReportArgs),
    /// 导入工作人员账号（CSV 或 JSON Lines：username、display_name、role、agency、email）；一次性密码写入只有本人
    /// 可读的文件 / import staff accounts (CSV or JSON Lines: username, display_name, role, agency, email); their
    /// one-time passwords go to a file only the caller can read
    ///
    /// 退出码 / exit code: 0 已导入 imported; 1 有被拒绝的行 rows were rejected; 2 无法读取或写入 cannot read or write.
    Accounts(ImportAccountsArgs),
    /// 导入机关树（CSV 或 JSON Lines：name、credit_code、kind、parent 及公开指南联系方式），一个事务写入 / import an
    /// agency tree (CSV or JSON Lines: name, credit_code, kind, parent and the guide's contacts) in one transaction
    ///
    /// 退出码 / exit code: 0 已导入 imported; 1 有被拒绝的行 rows were rejected; 2 无法读取或写入 cannot read or write.
    Agencies(ImportAgenciesArgs),
}

#[derive(Debug, Args)]
pub struct ImportAgenciesArgs {
    /// CSV（首行为列名）或 JSON Lines 文件 / a CSV file with a header row, or JSON Lines
    pub file: PathBuf,
    /// 只导入有效的行，跳过被拒绝的行（及其下级）/ import the valid rows and leave out the rejected ones (and
    /// those below them)
    #[arg(long)]
    pub skip_invalid: bool,
    /// 同时导入这些机关的工作人员账号（格式同 gongkai import accounts）/ also import the staff accounts of this
    /// file (the format of gongkai import accounts), checked with the agencies before anything is written
    #[arg(long, value_name = "FILE", requires = "passwords_to")]
    pub accounts: Option<PathBuf>,
    /// 新账号的一次性密码写入此文件（有新账号时创建，须尚不存在，权限 0600）/ where the new accounts' one-time
    /// passwords are written (made when there is a new account; must not exist yet; 0600)
    #[arg(long, value_name = "FILE", requires = "accounts")]
    pub passwords_to: Option<PathBuf>,
    #[command(flatten)]
    pub store: StoreArgs,
}

#[derive(Debug, Args)]
pub struct ImportAccountsArgs {
    /// CSV（首行为列名）或 JSON Lines 文件 / a CSV file with a header row, or JSON Lines
    pub file: PathBuf,
    /// 新账号的一次性密码写入此文件（须尚不存在，权限 0600）/ where the new accounts' one-time passwords are
    /// written (a file that does not exist yet; made 0600)
    #[arg(long, value_name = "FILE")]
    pub passwords_to: PathBuf,
    /// 只导入有效的行，跳过被拒绝的行 / import the valid rows and leave the rejected ones out
    #[arg(long)]
    pub skip_invalid: bool,
    #[command(flatten)]
    pub store: StoreArgs,
}

#[derive(Debug, Args)]
pub struct ImportReportArgs {
    /// 报告文件 / the report file
    pub file: PathBuf,
    /// 机关名称或统一社会信用代码 / the agency's name or unified social credit code
    #[arg(long, value_name = "NAME_OR_CODE")]
    pub agency: String,
    /// 报告年度（文件中读不出时）/ the report's year, when the file does not say
    #[arg(long, value_name = "YEAR")]
    pub year: Option<i32>,
    #[command(flatten)]
    pub store: StoreArgs,
}

#[derive(Debug, Args)]
pub struct ImportCatalogArgs {
    /// CSV（首行为列名）或 JSON Lines 文件 / a CSV file with a header row, or JSON Lines
    pub file: PathBuf,
    /// 目录所属机关：名称、统一社会信用代码或编号 / the agency: name, credit code or id
    #[arg(long, value_name = "AGENCY")]
    pub agency: String,
    /// 只导入有效的行，跳过被拒绝的行 / import the valid rows and leave the rejected ones out
    #[arg(long)]
    pub skip_invalid: bool,
    #[command(flatten)]
    pub store: StoreArgs,
}

/// Where the store is: every command that opens one takes these.
#[derive(Debug, Args, Clone, Default)]
pub struct StoreArgs {
    /// 数据库地址（sqlite:路径 或 postgres://…）/ database address (sqlite:PATH or postgres://…)
    #[arg(long, value_name = "URL", conflicts_with = "data_dir")]
    pub database: Option<String>,
    /// 数据目录（其中的 SQLite 数据库）/ data folder (the SQLite database in it)
    #[arg(long, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// 配置文件（TOML；也可用 GONGKAI_CONFIG）/ configuration file (TOML; or GONGKAI_CONFIG)
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct BenchDataArgs {
    #[command(flatten)]
    pub store: StoreArgs,
    /// 机关数（省→市→县→部门/乡镇）/ agencies (province → city → county → department/township)
    #[arg(long, default_value_t = 100)]
    pub agencies: usize,
    /// 目录条目数 / catalogue items
    #[arg(long, default_value_t = 10_000)]
    pub items: usize,
    /// 申请数 / applications
    #[arg(long, default_value_t = 10_000)]
    pub applications: usize,
    /// 申请分布的年数 / years the applications are spread over
    #[arg(long, default_value_t = 5)]
    pub years: i32,
    /// 最后一年 / the last of those years
    #[arg(long, default_value_t = 2025)]
    pub last_year: i32,
    /// 随机种子：同一种子生成同样的数据 / seed: the same seed gives the same data
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub store: StoreArgs,
    /// 监听地址 / address to listen on [default: 127.0.0.1:8080]
    #[arg(long, value_name = "ADDR")]
    pub listen: Option<std::net::SocketAddr>,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// 监听地址 / address to listen on
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    pub listen: std::net::SocketAddr,
    /// 演示数据目录 / folder for the demo's data
    #[arg(long, value_name = "DIR", default_value = "gongkai-demo")]
    pub data_dir: PathBuf,
    /// 只创建演示数据并打印账号，不启动服务 / create the demo data and print the accounts, do not serve
    #[arg(long)]
    pub setup_only: bool,
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// 核验审计链：任何被改动或删除的事件都会被指出 / verify the audit chain: names any altered or deleted event
    ///
    /// 退出码 / exit code: 0 完整 intact; 1 已损坏 broken; 2 无法读取 cannot be read.
    Verify(VerifyArgs),
    /// 打印最新事件的编号与哈希，供在库外留存 / print the newest event's number and hash, to keep outside the database
    Head(StoreArgs),
}

#[derive(Debug, Args)]
pub struct VerifyArgs {
    #[command(flatten)]
    pub store: StoreArgs,
    /// 此前用 `audit head` 记下的 编号:哈希，可重复 / a SEQ:HASH noted earlier with `audit head` (repeatable)
    #[arg(long = "expect", value_name = "SEQ:HASH", value_parser = parse_anchor)]
    pub anchors: Vec<gongkai_domain::audit::Anchor>,
}

fn parse_anchor(text: &str) -> Result<gongkai_domain::audit::Anchor, String> {
    gongkai_domain::audit::Anchor::parse(text).ok_or_else(|| {
        format!("“{text}”应为 编号:64位十六进制哈希 / '{text}' should be SEQ:HASH (64 hex digits)")
    })
}

#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// 新建系统管理员并打印其初始密码 / add a system administrator and print their initial password
    Add(AdminAddArgs),
}

#[derive(Debug, Args)]
pub struct AdminAddArgs {
    /// 用户名 / user name
    pub username: String,
    /// 姓名 / full name
    #[arg(long, default_value = "系统管理员")]
    pub display_name: String,
    /// system_admin（系统管理员：机关和账号）、security_admin（安全管理员：角色、锁定、安全策略）或 audit_admin
    /// （审计管理员，只读全部审计记录）/ system_admin (agencies and accounts), security_admin (roles, lock-outs, the
    /// security policy) or audit_admin (reads the whole audit trail, nothing else)
    #[arg(long, default_value = "system_admin", value_parser = ["system_admin", "security_admin", "audit_admin"])]
    pub role: String,
    #[command(flatten)]
    pub store: StoreArgs,
}

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// 解析已发布的年度报告 / parse published reports (text, HTML, DOCX, PDF, OFD, JSON)
    Parse(ParseArgs),
    /// 核对年度报告的各项规则 / check reports against every validation rule
    ///
    /// 退出码 / exit code: 0 无错误 no error finding; 1 有错误 a report has an error finding;
    /// 2 文件无法读取 a file cannot be read (2 wins over 1).
    Check(CheckArgs),
    /// 以另一种格式输出报告 / render a report as txt, md, html, docx, pdf, ofd or json
    Render(RenderArgs),
    /// 批量检查目录中的全部报告 / check every report under a directory, write a CSV
    Batch(BatchArgs),
    /// 由平台记录生成某机关某年度的年度报告 / compile an agency's annual report for a year from its records
    ///
    /// 规则发现写到标准错误；退出码 / findings go to standard error; exit code: 0 无错误 no error finding;
    /// 1 有错误（报告仍会输出）an error finding (the report is still written); 2 无法生成或写入 cannot compile or write.
    Compile(CompileArgs),
}

#[derive(Debug, Args)]
pub struct CompileArgs {
    /// 机关名称或统一社会信用代码 / the agency's name or unified social credit code
    #[arg(long, value_name = "NAME_OR_CODE")]
    pub agency: String,
    /// 统计年度 / the report's year
    #[arg(long, value_name = "YEAR", value_parser = clap::value_parser!(i32).range(2008..=2100))]
    pub year: i32,
    /// 汇总本机关及下级机关 / sum the agency and every agency below it (汇总)
    #[arg(long)]
    pub rollup: bool,
    /// 输出格式 / output format
    #[arg(long, value_name = "json|txt|md|html|docx|pdf|ofd", value_parser = parse_target, default_value = "json")]
    pub to: RenderTarget,
    /// 输出文件，省略或 "-" 为标准输出 / output file; standard output when omitted or "-"
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub store: StoreArgs,
}

#[derive(Debug, Args)]
pub struct ParseArgs {
    /// 报告文件 / report files
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// 每个文件输出一行 JSON（JSON Lines）/ one JSON object per file and line (JSON Lines)
    #[arg(long)]
    pub json: bool,
    /// 在 JSON 中附上每个单元格的出处 / add where each cell was read to the JSON
    #[arg(long)]
    pub provenance: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// 报告文件 / report files
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// 上一年度报告，用于跨年度规则 / the previous year's report, for the cross-year rules
    #[arg(long, value_name = "FILE")]
    pub previous: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct RenderArgs {
    /// 输入报告 / the report to render
    #[arg(long, value_name = "FILE")]
    pub from: PathBuf,
    /// 输出格式（省略时取自输出文件的扩展名）/ output format (default: from OUT's extension)
    #[arg(long, value_name = "txt|md|html|docx|pdf|ofd|json", value_parser = parse_target)]
    pub to: Option<RenderTarget>,
    /// 输出文件，"-" 为标准输出 / output file, "-" for standard output
    #[arg(short, long, value_name = "OUT")]
    pub output: PathBuf,
}

#[derive(Debug, Args)]
pub struct BatchArgs {
    /// 含报告的目录（递归查找）/ directory holding the reports (searched recursively)
    pub dir: PathBuf,
    /// CSV 输出文件；省略时写到标准输出 / CSV file to write; standard output when omitted
    #[arg(short, long, value_name = "OUT.csv")]
    pub output: Option<PathBuf>,
    /// 并行线程数，0 为全部核心 / worker threads, 0 for every core
    #[arg(short, long, default_value_t = 0, value_name = "N")]
    pub jobs: usize,
    /// 只输出汇总（除非给出 -o，否则不写 CSV）/ summary only (no CSV unless -o is given)
    #[arg(long)]
    pub summary: bool,
}

fn parse_target(name: &str) -> Result<RenderTarget, String> {
    RenderTarget::from_name(name).ok_or_else(|| {
        format!(
            "未知的输出格式“{name}”，可用：txt、md、html、docx、pdf、json / \
             unknown format '{name}', expected one of: txt, md, html, docx, pdf, ofd, json"
        )
    })
}
