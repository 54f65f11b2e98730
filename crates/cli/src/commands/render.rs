//! `gongkai report render --from FILE --to txt|md|html|docx|pdf|ofd|json -o OUT`

use std::io::Write;
use std::path::Path;

use gongkai_report::{RenderTarget, render};

use super::Exit;
use crate::args::RenderArgs;
use crate::load::{CliError, load};

pub fn run(args: &RenderArgs, out: &mut dyn Write) -> Result<Exit, CliError> {
    let target = match args.to {
        Some(t) => t,
        None => target_from_extension(&args.output)?,
    };
    let report = load(&args.from).map_err(|e| CliError::msg(e.to_string()))?;
    let bytes = render(&report, target).map_err(|e| CliError::coded(&e))?;
    if args.output.as_os_str() == "-" {
        out.write_all(&bytes)?;
        out.flush()?;
    } else {
        std::fs::write(&args.output, &bytes)
            .map_err(|e| CliError::io("cli.io.write", &args.output, &e))?;
        tracing::info!(file = %args.output.display(), bytes = bytes.len(), "written");
    }
    Ok(Exit::Ok)
}

fn target_from_extension(output: &Path) -> Result<RenderTarget, CliError> {
    output
        .extension()
        .and_then(|e| e.to_str())
        .and_then(RenderTarget::from_name)
        .ok_or_else(|| {
            CliError::msg(format!(
                "请用 --to 指定输出格式（txt、md、html、docx、pdf、ofd、json），无法从“{p}”判断 / \
                 give the output format with --to (txt, md, html, docx, pdf, ofd, json): it cannot be told from '{p}'",
                p = output.display()
            ))
        })
}
