//! `ahual survey check FILE...`: validates instrument files; every problem as `file:line: message`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;

use crate::app::catalog_files::check_files;

/// Instrument actions.
#[derive(Subcommand, Debug)]
pub enum SurveyCommand {
    /// Check instrument files (unknown keys, missing translations, duplicate ids, bad indicators)
    Check {
        /// The files
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
}

/// Runs a survey action; exit code 1 when any file has a problem.
pub fn run(action: &SurveyCommand) -> anyhow::Result<ExitCode> {
    let SurveyCommand::Check { files } = action;
    let problems = check_files(files);
    for problem in &problems {
        eprintln!("{problem}");
    }
    if problems.is_empty() {
        println!("{} file(s) valid", files.len());
        Ok(ExitCode::SUCCESS)
    } else {
        Ok(ExitCode::FAILURE)
    }
}
