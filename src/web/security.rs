//! Headers every response carries: a Content Security Policy with no inline script, no framing, no
//! referrer, no sniffing, and no caching of pages (shared school computers keep nothing); and, when the
//! public address is `https://`, Strict-Transport-Security.

use actix_web::middleware::DefaultHeaders;

/// The policy: only our own styles and scripts, no inline code, no frames, forms post only to us.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
     img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// Browsers that have once reached an `https://` deployment never try it over plain HTTP for a year, so
/// a network on the way (a school's, a café's) cannot strip TLS from a later visit. Not
/// `includeSubDomains`: the deployer's other subdomains are not ours to promise for, and a school
/// domain's intranet or printers may be HTTP only. Not `preload` either, for the same reason.
pub const STRICT_TRANSPORT_SECURITY: &str = "max-age=31536000";

/// Default headers for every response (handlers may set their own `Cache-Control`, e.g. for CSS, or
/// `Referrer-Policy`). `https` is whether the public address is `https://`: only then is HSTS sent,
/// since over plain HTTP browsers ignore it and a test or LAN deployment must stay reachable.
pub fn headers(https: bool) -> DefaultHeaders {
    let headers = if https {
        DefaultHeaders::new().add(("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY))
    } else {
        DefaultHeaders::new()
    };
    headers
        .add(("Content-Security-Policy", CONTENT_SECURITY_POLICY))
        .add(("X-Content-Type-Options", "nosniff"))
        .add(("Referrer-Policy", "no-referrer"))
        .add(("X-Frame-Options", "DENY"))
        .add(("Cross-Origin-Opener-Policy", "same-origin"))
        .add(("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()"))
        .add(("Cache-Control", "no-store"))
}
