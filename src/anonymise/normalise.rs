//! Normalisation: folds look-alike characters to ASCII and drops invisible ones, keeping a map
//! back to the original text so that findings are reported in the caller's own offsets.

use std::borrow::Cow;

/// Normalised text plus a byte-by-byte map back to the original.
pub(crate) struct Normalised<'a> {
    /// The normalised text (ASCII-folded where a safe folding exists).
    pub text: Cow<'a, str>,
    /// For each byte of `text`, the byte offset in the original text of the character it came
    /// from. `None` when the text needed no change (identity map).
    map: Option<Vec<u32>>,
}

impl<'a> Normalised<'a> {
    pub fn new(original: &'a str) -> Self {
        if original.is_ascii() {
            return Normalised {
                text: Cow::Borrowed(original),
                map: None,
            };
        }
        let mut out = String::with_capacity(original.len());
        let mut map: Vec<u32> = Vec::with_capacity(original.len());
        for (pos, c) in original.char_indices() {
            let pos = pos as u32;
            if c.is_ascii() {
                out.push(c);
                map.push(pos);
                continue;
            }
            fold_char(c, &mut |d| {
                let before = out.len();
                out.push(d);
                for _ in before..out.len() {
                    map.push(pos);
                }
            });
        }
        Normalised {
            text: Cow::Owned(out),
            map: Some(map),
        }
    }

    /// Maps a normalised byte range back to a byte range of the original text, covering whole
    /// original characters.
    pub fn to_original(&self, original: &str, start: usize, end: usize) -> (usize, usize) {
        match &self.map {
            None => (start, end),
            Some(map) => {
                if map.is_empty() || start >= map.len() || end == 0 {
                    return (original.len(), original.len());
                }
                let s = map[start] as usize;
                let last = map[(end - 1).min(map.len() - 1)] as usize;
                let len = original[last..].chars().next().map_or(0, char::len_utf8);
                // (with the marks folding dropped after the last character: a span ends after
                // a word's closing virama or accent, "கவின்", not inside it)
                let tail: usize = original[last + len..]
                    .chars()
                    .take_while(|&c| unicode_normalization::char::is_combining_mark(c))
                    .map(char::len_utf8)
                    .sum();
                (s, (last + len + tail).max(s))
            }
        }
    }
}

/// Is this character invisible or a formatting control that could be used to split a word?
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}'
        | '\u{FFA0}' | '\u{FFF9}'..='\u{FFFB}' | '\u{1D173}'..='\u{1D17A}'
        | '\u{E0000}'..='\u{E007F}')
}

/// Characters that look like ASCII letters or digits but are not (Cyrillic, Greek, Armenian,
/// Cherokee, letter-like symbols).
fn homoglyph(c: char) -> Option<char> {
    Some(match c {
        // Cyrillic lower case
        'а' => 'a',
        'в' => 'b',
        'е' => 'e',
        'ё' => 'e',
        'һ' => 'h',
        'і' => 'i',
        'ї' => 'i',
        'ј' => 'j',
        'к' => 'k',
        'м' => 'm',
        'н' => 'h',
        'о' => 'o',
        'р' => 'p',
        'с' => 'c',
        'т' => 't',
        'у' => 'y',
        'х' => 'x',
        'ѕ' => 's',
        'ԁ' => 'd',
        'ԛ' => 'q',
        'ԝ' => 'w',
        'ɡ' => 'g',
        'ӏ' => 'l',
        'ь' => 'b',
        'п' => 'n',
        'г' => 'r',
        'ү' => 'y',
        // Cyrillic upper case
        'А' => 'A',
        'В' => 'B',
        'Е' => 'E',
        'Ё' => 'E',
        'З' => '3',
        'Һ' => 'H',
        'І' => 'I',
        'Ї' => 'I',
        'Ј' => 'J',
        'К' => 'K',
        'М' => 'M',
        'Н' => 'H',
        'О' => 'O',
        'Р' => 'P',
        'С' => 'C',
        'Т' => 'T',
        'У' => 'Y',
        'Х' => 'X',
        'Ѕ' => 'S',
        'Ԁ' => 'D',
        'Ԛ' => 'Q',
        'Ԝ' => 'W',
        'Ү' => 'Y',
        'Ӏ' => 'I',
        'Ь' => 'b',
        // Greek
        'α' => 'a',
        'ο' => 'o',
        'ρ' => 'p',
        'ν' => 'v',
        'τ' => 't',
        'υ' => 'u',
        'ι' => 'i',
        'κ' => 'k',
        'χ' => 'x',
        'ε' => 'e',
        'η' => 'n',
        'ϲ' => 'c',
        'ϳ' => 'j',
        'Α' => 'A',
        'Β' => 'B',
        'Ε' => 'E',
        'Ζ' => 'Z',
        'Η' => 'H',
        'Ι' => 'I',
        'Κ' => 'K',
        'Μ' => 'M',
        'Ν' => 'N',
        'Ο' => 'O',
        'Ρ' => 'P',
        'Τ' => 'T',
        'Υ' => 'Y',
        'Χ' => 'X',
        'Ϲ' => 'C',
        // Armenian and others that pass for Latin
        'օ' => 'o',
        'ս' => 'u',
        'ց' => 'g',
        'հ' => 'h',
        'ո' => 'n',
        'Ս' => 'U',
        'Օ' => 'O',
        'ı' => 'i',
        'ȷ' => 'j',
        'ł' => 'l',
        'Ł' => 'L',
        'ø' => 'o',
        'Ø' => 'O',
        'đ' => 'd',
        'Đ' => 'D',
        'ð' => 'd',
        'Ð' => 'D',
        'ħ' => 'h',
        'ŀ' => 'l',
        'ƒ' => 'f',
        // punctuation that matters to the detectors
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{2043}' => '-',
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}'
        | '\u{FF07}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => '"',
        '\u{2024}' => '.',
        '\u{2044}' | '\u{2215}' => '/',
        '\u{00A0}'
        | '\u{1680}'
        | '\u{2000}'..='\u{200A}'
        | '\u{202F}'
        | '\u{205F}'
        | '\u{3000}' => ' ',
        '\u{2028}' | '\u{2029}' | '\u{0085}' => '\n',
        // digits of other scripts
        '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
        '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
        '\u{0966}'..='\u{096F}' => char::from(b'0' + (c as u32 - 0x0966) as u8),
        _ => return None,
    })
}

/// Folds one non-ASCII character, calling `emit` for each resulting character (zero or more).
pub(crate) fn fold_char(c: char, emit: &mut dyn FnMut(char)) {
    if is_invisible(c) {
        return;
    }
    if let Some(h) = homoglyph(c) {
        emit(h);
        return;
    }
    match c {
        'ß' => {
            emit('s');
            emit('s');
            return;
        }
        'æ' | 'Æ' => {
            emit(if c == 'æ' { 'a' } else { 'A' });
            emit('e');
            return;
        }
        'œ' | 'Œ' => {
            emit(if c == 'œ' { 'o' } else { 'O' });
            emit('e');
            return;
        }
        _ => {}
    }
    // Compatibility decomposition (fullwidth, mathematical letters, ligatures, accents),
    // dropping combining marks.
    let mut any = false;
    unicode_normalization::char::decompose_compatible(c, |d| {
        if unicode_normalization::char::is_combining_mark(d) || is_invisible(d) {
            any = true;
            return;
        }
        any = true;
        if d.is_ascii() {
            emit(d);
        } else if let Some(h) = homoglyph(d) {
            emit(h);
        } else {
            emit(d);
        }
    });
    if !any {
        emit(c);
    }
}

/// Normalises a short phrase for matching (used for authority word lists): folded and lower-case.
pub(crate) fn normalise_phrase(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            fold_char(c, &mut |d| out.extend(d.to_lowercase()));
        }
    }
    let collapsed: Vec<&str> = out.split_whitespace().collect();
    collapsed.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_and_maps() {
        let s = "Bar\u{200B}tek in Уear 3";
        let n = Normalised::new(s);
        assert_eq!(n.text, "Bartek in Year 3");
        let (a, b) = n.to_original(s, 0, 6);
        assert_eq!(&s[a..b], "Bar\u{200B}tek");
    }

    #[test]
    fn a_span_takes_in_the_marks_after_its_last_character() {
        // the Tamil virama and a combining accent are dropped from the folded text, so the
        // word's end there falls before them in the original
        let s = "Kavin (கவின்) in Y2";
        let n = Normalised::new(s);
        let (start, end) = (
            n.text.find('(').unwrap_or(0) + 1,
            n.text.find(')').unwrap_or(0),
        );
        let (a, b) = n.to_original(s, start, end);
        assert_eq!(&s[a..b], "கவின்");
        let s = "Zoe\u{308} is in Y2";
        let n = Normalised::new(s);
        let (a, b) = n.to_original(s, 0, n.text.find(' ').unwrap_or(0));
        assert_eq!(&s[a..b], "Zoe\u{308}");
    }

    #[test]
    fn fullwidth_digits() {
        let n = Normalised::new("９４３ ４７６ ５９１９");
        assert_eq!(n.text, "943 476 5919");
    }
}
