//! A page that is the same for every visitor except one short value, kept rendered and gzipped so a
//! request only copies bytes.
//!
//! The questionnaire differs between pupils only by the form token. Rendering it and compressing its
//! 25 KB anew for every pupil was a third of the server's work in a rush; here both halves around the
//! token are rendered and deflated once. The gzip answer is stitched from three raw-deflate parts:
//! the part before (ended by a full flush, so it stops on a byte boundary and nothing after refers
//! back into it), the value as a stored (uncompressed) block, and the part after (a fresh stream
//! that ends the data), wrapped in the gzip header and a trailer whose CRC is combined from the
//! parts' CRCs. Any gzip reader sees one ordinary member.

use std::fmt::Write as _;

use flate2::{Compress, Compression, FlushCompress, Status};

/// A page split around its one slot, each side kept as text and as raw deflate.
#[derive(Debug)]
pub struct StitchedPage {
    before: Part,
    after: Part,
}

#[derive(Debug)]
struct Part {
    text: String,
    deflated: Vec<u8>,
    crc: crc32fast::Hasher,
}

/// The gzip header: deflate, no name or comment, no time (a fixed page has none worth telling).
const GZIP_HEADER: [u8; 10] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];

/// The longest stored block deflate allows.
const STORED_BLOCK_MAX: usize = u16::MAX as usize;

impl StitchedPage {
    /// Splits `page` around `slot`, which must occur exactly once; `None` otherwise (a slot that
    /// also appears in the questionnaire's text would put the value in the wrong place).
    pub fn split(page: &str, slot: &str) -> Option<StitchedPage> {
        let (before, after) = page.split_once(slot)?;
        if slot.is_empty() || after.contains(slot) {
            return None;
        }
        Some(StitchedPage {
            before: Part::new(before, FlushCompress::Full)?,
            after: Part::new(after, FlushCompress::Finish)?,
        })
    }

    /// The page with `value` (escaped for HTML) in the slot.
    pub fn plain(&self, value: &str) -> String {
        let escaped = escape(value);
        let mut page = String::with_capacity(self.before.text.len() + escaped.len() + self.after.text.len());
        page.push_str(&self.before.text);
        page.push_str(&escaped);
        page.push_str(&self.after.text);
        page
    }

    /// The page with `value` (escaped for HTML) in the slot, as a complete gzip body.
    pub fn gzip(&self, value: &str) -> Vec<u8> {
        let escaped = escape(value);
        let middle = escaped.as_bytes();
        let blocks = middle.len().div_ceil(STORED_BLOCK_MAX);
        let mut body = Vec::with_capacity(
            GZIP_HEADER.len() + self.before.deflated.len() + middle.len() + 5 * blocks + self.after.deflated.len() + 8,
        );
        body.extend_from_slice(&GZIP_HEADER);
        body.extend_from_slice(&self.before.deflated);
        for chunk in middle.chunks(STORED_BLOCK_MAX) {
            // BFINAL 0, BTYPE 00 and the padding to the byte boundary: one zero byte.
            let len = u16::try_from(chunk.len()).unwrap_or(u16::MAX);
            body.push(0);
            body.extend_from_slice(&len.to_le_bytes());
            body.extend_from_slice(&(!len).to_le_bytes());
            body.extend_from_slice(chunk);
        }
        body.extend_from_slice(&self.after.deflated);
        let mut crc = self.before.crc.clone();
        let mut middle_crc = crc32fast::Hasher::new();
        middle_crc.update(middle);
        crc.combine(&middle_crc);
        crc.combine(&self.after.crc);
        let size = self.before.text.len() + middle.len() + self.after.text.len();
        body.extend_from_slice(&crc.finalize().to_le_bytes());
        // ISIZE is the length modulo 2^32 by definition.
        body.extend_from_slice(&((size & 0xffff_ffff) as u32).to_le_bytes());
        body
    }
}

impl Part {
    fn new(text: &str, flush: FlushCompress) -> Option<Part> {
        let mut crc = crc32fast::Hasher::new();
        crc.update(text.as_bytes());
        Some(Part { text: text.to_owned(), deflated: deflate(text.as_bytes(), flush)?, crc })
    }
}

/// Raw deflate of `input`, ended by `flush`; compressed once per page, so at the best level.
fn deflate(input: &[u8], flush: FlushCompress) -> Option<Vec<u8>> {
    let mut compressor = Compress::new(Compression::best(), false);
    let finishing = matches!(flush, FlushCompress::Finish);
    let mut out = Vec::with_capacity(input.len() / 2 + 64);
    loop {
        if out.len() == out.capacity() {
            out.reserve(out.capacity());
        }
        let consumed = usize::try_from(compressor.total_in()).ok()?;
        let status = compressor.compress_vec(&input[consumed..], &mut out, flush).ok()?;
        let all_in = usize::try_from(compressor.total_in()).ok()? == input.len();
        // As with zlib, a flush is complete once a call leaves output space unused.
        let flushed = all_in && out.len() < out.capacity();
        if (finishing && status == Status::StreamEnd) || (!finishing && flushed) {
            return Some(out);
        }
    }
}

fn escape(value: &str) -> String {
    let mut escaped = String::with_capacity(value.len());
    // Writing into a String cannot fail.
    let _ = maud::Escaper::new(&mut escaped).write_str(value);
    escaped
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    const SLOT: &str = "\u{0}slot\u{0}";

    fn gunzip(body: &[u8]) -> String {
        let mut text = String::new();
        flate2::read::GzDecoder::new(body).read_to_string(&mut text).expect("a valid gzip member");
        text
    }

    fn page(repeats: usize) -> String {
        let filler = "<p>Сіз мектепте өзіңізді қауіпсіз сезінесіз бе? Чувствуете ли вы себя в безопасности?</p>";
        format!(
            "<html><body>{}<input value=\"{SLOT}\">{}</body></html>",
            filler.repeat(repeats),
            filler.repeat(repeats)
        )
    }

    #[test]
    fn the_stitched_gzip_reads_back_as_the_page_with_the_value() {
        let page = page(300);
        let stitched = StitchedPage::split(&page, SLOT).expect("one slot");
        let value = "v1.eyJ3IjoiNmYxYyJ9.c2lnbmF0dXJl";
        let expected = page.replace(SLOT, value);
        assert_eq!(stitched.plain(value), expected);
        let body = stitched.gzip(value);
        assert_eq!(gunzip(&body), expected, "flate2 checks the CRC and the length too");
        assert!(body.len() < expected.len() / 5, "the repeated text is compressed: {} bytes", body.len());
    }

    #[test]
    fn the_value_is_escaped_and_may_be_empty_or_longer_than_one_stored_block() {
        let page = page(2);
        let stitched = StitchedPage::split(&page, SLOT).expect("one slot");
        assert_eq!(gunzip(&stitched.gzip("")), page.replace(SLOT, ""));
        let hostile = "\"><script>alert(1)</script>&";
        let escaped = "&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;";
        assert_eq!(gunzip(&stitched.gzip(hostile)), page.replace(SLOT, escaped));
        assert_eq!(stitched.plain(hostile), page.replace(SLOT, escaped));
        let long = "x".repeat(STORED_BLOCK_MAX * 2 + 7);
        assert_eq!(gunzip(&stitched.gzip(&long)), page.replace(SLOT, &long));
    }

    #[test]
    fn a_page_with_no_slot_or_two_slots_is_not_split() {
        assert!(StitchedPage::split("<p>no slot</p>", SLOT).is_none());
        assert!(StitchedPage::split(&format!("{SLOT}<p></p>{SLOT}"), SLOT).is_none());
        assert!(StitchedPage::split("<p></p>", "").is_none());
        let edges = StitchedPage::split(SLOT, SLOT).expect("a page that is only the slot");
        assert_eq!(gunzip(&edges.gzip("v")), "v");
    }
}
