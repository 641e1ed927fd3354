//! What the HTTP benches share (`submissions` and `pages` include this folder with `#[path]`): running
//! the command line, the `ahual` command, the release server as a child process, processor-time sampling, percentiles.

pub mod args;
pub mod cli;
pub mod cpu;
pub mod percentile;
pub mod server;
