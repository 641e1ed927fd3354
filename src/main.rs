//! The `ahual` binary: parse the command line and hand over to the library.

/// mimalloc instead of the system allocator: under load the server spent about a fifth of its CPU
/// in glibc's malloc and free (many small, short-lived allocations per request).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    ahual::cli::run()
}
