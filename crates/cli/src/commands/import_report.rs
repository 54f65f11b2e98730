//! `gongkai import report FILE --agency NAME_OR_CODE [--year YEAR]`: an annual report the agency published
//! before it used gongkai, kept so that its first compiled report is checked against it (上年结转 and the other
//! cross-year rules).

use std::io::Write;

use gongkai_domain::audit::ActorRef;
use gongkai_store::AgencyStore;

use super::store::{open_existing, runtime};
use crate::args::ImportReportArgs;
use crate::load::{CliError, Exit};

pub fn run(args: &ImportReportArgs, out: &mut dyn Write) -> Result<Exit, CliError> {
    let bytes = std::fs::read(&args.file)
        .map_err(|e| CliError::io("无法读取", "cannot read", &args.file, &e))?;
    let name = args
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    runtime()?.block_on(async {
        let store = open_existing(&args.store).await?;
        let agency = store
            .agency_by_name_or_code(&args.agency)
            .await
            .map_err(|e| CliError::msg(e.to_string()))?
            .ok_or_else(|| {
                CliError::msg(format!(
                    "没有名称或统一社会信用代码为“{a}”的机关 / no agency named or coded '{a}'",
                    a = args.agency
                ))
            })?;
        let by = ActorRef::System {
            reason: "gongkai import report".into(),
        };
        let imported =
            gongkai_app::reports::import(&store, &agency, &bytes, &name, args.year, &by)
                .await
                .map_err(|e| CliError::msg(e.to_string()))?;
        store.close().await;
        writeln!(
            out,
            "已导入 {agency} {year} 年度报告（{source}）/ imported {agency}'s report for {year} ({source})",
            agency = agency.profile.name,
            year = imported.year,
            source = imported.source_name
        )?;
        Ok(Exit::Ok)
    })
}
