//! Fitting text into a width without font metrics: a width estimate and a cut with an ellipsis.
//!
//! The estimate is deliberately generous (0.65 em a character, which covers Cyrillic capitals and
//! Kazakh letters such as Ә, Ғ, Қ, Ң, Ө, Ұ, Ү, Һ, І in common sans-serif faces), so a cut label
//! fits; the full text always stays in the mark's `<title>`.

/// Average advance of one character, in em.
const EM_PER_CHAR: f64 = 0.65;

/// The estimated drawn width of `text` at `font_size`.
pub(super) fn text_width(text: &str, font_size: f64) -> f64 {
    text.chars().count() as f64 * EM_PER_CHAR * font_size
}

/// `text` as it fits into `width` at `font_size`: whole if it fits, else cut at a character
/// boundary with "…" (never mid-character, so Cyrillic and Kazakh are cut cleanly).
pub(super) fn fit(text: &str, width: f64, font_size: f64) -> String {
    let text = text.trim();
    let max_chars = (width / (EM_PER_CHAR * font_size)).floor().max(1.0) as usize;
    if text.chars().count() <= max_chars {
        return text.to_owned();
    }
    let kept: String = text.chars().take(max_chars.saturating_sub(1)).collect();
    format!("{}…", kept.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_is_kept_and_long_text_is_cut_on_a_character() {
        assert_eq!(fit("7А", 100.0, 14.0), "7А");
        let cut = fit("Қорқыту мен қысым көрсетудің барлық түрлері", 100.0, 14.0);
        assert!(cut.ends_with('…'));
        assert!(text_width(&cut, 14.0) <= 100.0);
    }
}
