//! Bytes to text: UTF-8 checks, binary detection and legacy HTML charsets.

use crate::error::IngestError;

/// How much of the start is checked for binary content.
const SNIFF_BYTES: usize = 8192;

/// True when the start of `bytes` looks like binary data rather than text:
/// NUL bytes or many control characters.
pub(crate) fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    if head.contains(&0) {
        return true;
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    controls * 20 > head.len().max(1)
}

/// Strict UTF-8 text (a leading BOM is dropped).
pub(crate) fn utf8(bytes: &[u8]) -> Result<&str, IngestError> {
    if looks_binary(bytes) {
        return Err(IngestError::Binary);
    }
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| IngestError::NotUtf8(e.valid_up_to()))
}

/// HTML text: UTF-8 when valid, else the charset its `<meta>` declares, else
/// windows-1252 (what browsers assume).
pub(crate) fn html(bytes: &[u8]) -> Result<String, IngestError> {
    if looks_binary(bytes) {
        return Err(IngestError::Binary);
    }
    if let Ok(s) = utf8(bytes) {
        return Ok(s.to_string());
    }
    let encoding = declared_charset(bytes).unwrap_or(encoding_rs::WINDOWS_1252);
    let (text, _, _) = encoding.decode(bytes);
    Ok(text.into_owned())
}

/// The charset named in the first 4 KiB ("charset=..." in a meta tag).
fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let at = lower.windows(8).position(|w| w == b"charset=")? + 8;
    let rest = &lower[at..];
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let end = rest
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.')))
        .unwrap_or(rest.len());
    encoding_rs::Encoding::for_label(&rest[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legacy_charset_is_decoded() {
        let page = b"<html><head><meta charset=\"iso-8859-1\"></head><body>Caf\xe9</body></html>";
        assert!(html(page).unwrap().contains("Café"));
    }

    #[test]
    fn binary_is_refused() {
        assert!(matches!(
            utf8(b"PK\x03\x04\x00\x00"),
            Err(IngestError::Binary)
        ));
        assert!(matches!(utf8(b"abc\xff"), Err(IngestError::NotUtf8(3))));
    }
}
