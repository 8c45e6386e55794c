//! An image's width and height, read from its header (PNG IHDR, GIF logical
//! screen, JPEG SOFn, WebP VP8/VP8L/VP8X) without decoding any pixels, so an
//! upload that claims absurd dimensions is refused before anyone decodes it.

/// The largest side, in pixels, an uploaded image may have.
pub const MAX_SIDE: u32 = 10_000;
/// The most pixels an uploaded image may have (40 megapixels).
pub const MAX_PIXELS: u64 = 40_000_000;

/// `(width, height)` from the header of a PNG, GIF, JPEG or WebP, or `None`
/// if the header is not there or not one of these.
pub fn dimensions(bytes: &[u8]) -> Option<(u32, u32)> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        png(bytes)
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Some((le16(bytes, 6)?, le16(bytes, 8)?))
    } else if bytes.starts_with(&[0xFF, 0xD8]) {
        jpeg(bytes)
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        webp(bytes)
    } else {
        None
    }
}

/// Whether an image of this size is within `MAX_SIDE` and `MAX_PIXELS`.
pub fn acceptable((width, height): (u32, u32)) -> bool {
    width <= MAX_SIDE && height <= MAX_SIDE && u64::from(width) * u64::from(height) <= MAX_PIXELS
}

fn be16(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from(u16::from_be_bytes(b.get(at..at + 2)?.try_into().ok()?)))
}

fn le16(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?)))
}

fn le24(b: &[u8], at: usize) -> Option<u32> {
    let s = b.get(at..at + 3)?;
    Some(u32::from(s[0]) | u32::from(s[1]) << 8 | u32::from(s[2]) << 16)
}

fn be32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// IHDR must be the first chunk: length (4), type (4), width, height.
fn png(b: &[u8]) -> Option<(u32, u32)> {
    if b.get(12..16)? != b"IHDR" {
        return None;
    }
    Some((be32(b, 16)?, be32(b, 20)?))
}

/// Walks the segments to the first start-of-frame marker.
fn jpeg(b: &[u8]) -> Option<(u32, u32)> {
    let mut at = 2;
    loop {
        if *b.get(at)? != 0xFF {
            return None;
        }
        let marker = *b.get(at + 1)?;
        match marker {
            // Fill bytes before a marker.
            0xFF => at += 1,
            // Markers without a length.
            0x01 | 0xD0..=0xD7 => at += 2,
            // Start of scan (or end of image) before any frame: no size.
            0xD9 | 0xDA => return None,
            // SOF0..SOF15, except DHT (C4), JPG (C8) and DAC (CC).
            0xC0..=0xCF if !matches!(marker, 0xC4 | 0xC8 | 0xCC) => {
                // length (2), precision (1), height (2), width (2).
                return Some((be16(b, at + 7)?, be16(b, at + 5)?));
            }
            _ => at += 2 + usize::try_from(be16(b, at + 2)?).ok()?,
        }
    }
}

/// The first chunk, at 12, says which WebP it is.
fn webp(b: &[u8]) -> Option<(u32, u32)> {
    match b.get(12..16)? {
        // Lossy: frame tag (3), start code 9D 01 2A, 14-bit width and height.
        b"VP8 " => {
            if b.get(23..26)? != [0x9D, 0x01, 0x2A] {
                return None;
            }
            Some((le16(b, 26)? & 0x3FFF, le16(b, 28)? & 0x3FFF))
        }
        // Lossless: signature 2F, then 14 bits of width - 1, 14 of height - 1.
        b"VP8L" => {
            if *b.get(20)? != 0x2F {
                return None;
            }
            let bits = u32::from_le_bytes(b.get(21..25)?.try_into().ok()?);
            Some(((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1))
        }
        // Extended: flags (4), then 24 bits of width - 1 and of height - 1.
        b"VP8X" => Some((le24(b, 24)? + 1, le24(b, 27)? + 1)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png_header(width: u32, height: u32) -> Vec<u8> {
        let mut b = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        b.extend_from_slice(&width.to_be_bytes());
        b.extend_from_slice(&height.to_be_bytes());
        b.extend_from_slice(&[8, 6, 0, 0, 0]);
        b
    }

    #[test]
    fn sizes_are_read_from_headers() {
        assert_eq!(dimensions(&png_header(3, 2)), Some((3, 2)));
        assert_eq!(dimensions(b"GIF89a\x40\x01\xf0\x00"), Some((320, 240)));
        let jpeg = [
            0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x4A, 0x46, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x01, 0xE0, 0x02,
            0x80,
        ];
        assert_eq!(dimensions(&jpeg), Some((640, 480)));
        let vp8 = b"RIFF\0\0\0\0WEBPVP8 \0\0\0\0\0\0\0\x9d\x01\x2a\x40\x01\xf0\x00";
        assert_eq!(dimensions(vp8), Some((320, 240)));
        // 320 - 1 = 0x13F and 240 - 1 = 0xEF packed in 14-bit fields.
        let bits: u32 = 0x13F | (0xEF << 14);
        let mut vp8l = b"RIFF\0\0\0\0WEBPVP8L\0\0\0\0\x2f".to_vec();
        vp8l.extend_from_slice(&bits.to_le_bytes());
        assert_eq!(dimensions(&vp8l), Some((320, 240)));
        let vp8x = b"RIFF\0\0\0\0WEBPVP8X\0\0\0\0\0\0\0\0\x3f\x01\x00\xef\x00\x00";
        assert_eq!(dimensions(vp8x), Some((320, 240)));
    }

    #[test]
    fn truncated_or_unknown_headers_have_no_size() {
        assert_eq!(dimensions(&png_header(3, 2)[..20]), None);
        assert_eq!(dimensions(b"GIF89a\x40"), None);
        assert_eq!(dimensions(&[0xFF, 0xD8, 0xFF, 0xDA]), None);
        assert_eq!(dimensions(&[0xFF, 0xD8, 0xFF, 0xE0, 0xFF, 0xFF]), None);
        assert_eq!(dimensions(b"RIFF\0\0\0\0WEBPVP8 "), None);
        assert_eq!(dimensions(b"hello"), None);
    }

    #[test]
    fn absurd_sizes_are_not_acceptable() {
        assert!(acceptable((10_000, 4_000)));
        assert!(!acceptable((10_001, 1)));
        assert!(!acceptable((1, 10_001)));
        assert!(!acceptable((8_000, 6_000)), "48 megapixels");
        assert!(!acceptable((100_000, 100_000)));
        assert!(!acceptable((u32::MAX, u32::MAX)));
    }
}
