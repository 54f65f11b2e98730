//! `gongkai import report FILE --agency NAME_OR_CODE [--year YEAR]`: an annual report the agency published
//! before it used gongkai, kept so that its first compiled report is checked against it (上年结转 and the other
//! cross-year rules).

use std::io::Write;

use gongkai_domain::audit::ActorRef;
use gongkai_store::AgencyStore;

use super::store::{open_existing, runtime};
use crate::args::ImportReportArgs;
use crate::load::{CliError, Exit};
use crate::words::say;
use gongkai_app::messages::Arg;

pub fn run(args: &ImportReportArgs, out: &mut dyn Write) -> Result<Exit, CliError> {
    let bytes =
        std::fs::read(&args.file).map_err(|e| CliError::io("cli.io.read", &args.file, &e))?;
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
            .map_err(|e| CliError::coded(&e))?
            .ok_or_else(|| {
                CliError::msg(say(
                    "cli.no_agency_named",
                    vec![("agency", Arg::text(&args.agency))],
                ))
            })?;
        let by = ActorRef::System {
            reason: "gongkai import report".into(),
        };
        let imported = gongkai_app::reports::import(&store, &agency, &bytes, &name, args.year, &by)
            .await
            .map_err(|e| CliError::coded(&e))?;
        store.close().await;
        let said = say(
            "cli.report_imported",
            vec![
                ("agency", Arg::text(&agency.profile.name)),
                ("year", Arg::number(imported.year)),
                ("source", Arg::text(&imported.source_name)),
            ],
        );
        writeln!(out, "{said}")?;
        Ok(Exit::Ok)
    })
}
