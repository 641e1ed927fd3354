//! Rebuild when embedded files change: migrations and message catalogues are compiled into the binary.

fn main() {
    println!("cargo:rerun-if-changed=migrations");
    println!("cargo:rerun-if-changed=src/i18n/locales");
    println!("cargo:rerun-if-changed=static");
}
