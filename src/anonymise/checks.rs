//! Check-digit and check-letter algorithms for UK pupil, learner and health identifiers.
//!
//! Every function takes the identifier's significant characters only (no spaces or dashes) as
//! ASCII bytes, and returns `true` only for a number of the right shape whose check passes.

/// The DfE's check-letter alphabet: 23 letters, omitting I, O and S.
const UPN_LETTERS: &[u8; 23] = b"ABCDEFGHJKLMNPQRTUVWXYZ";

fn upn_letter_value(c: u8) -> Option<u32> {
    let c = c.to_ascii_uppercase();
    UPN_LETTERS.iter().position(|&l| l == c).map(|p| p as u32)
}

/// DfE Unique Pupil Number: 13 characters, a check letter followed by 12 digits (a temporary
/// UPN ends in a letter instead of the last digit). The check letter is the weighted sum of
/// characters 2–13 (weights 2–13) modulo 23, read in the DfE's alphabet.
pub fn is_valid_upn(s: &[u8]) -> bool {
    if s.len() != 13 || !s[0].is_ascii_alphabetic() {
        return false;
    }
    let mut sum = 0u32;
    for (i, &c) in s[1..].iter().enumerate() {
        let weight = i as u32 + 2;
        let v = if c.is_ascii_digit() {
            u32::from(c - b'0')
        } else if i == 11 {
            match upn_letter_value(c) {
                Some(v) => v,
                None => return false,
            }
        } else {
            return false;
        };
        sum += v * weight;
    }
    UPN_LETTERS[(sum % 23) as usize] == s[0].to_ascii_uppercase()
}

fn digits<const N: usize>(s: &[u8]) -> Option<[u32; N]> {
    if s.len() != N {
        return None;
    }
    let mut d = [0u32; N];
    for (i, &c) in s.iter().enumerate() {
        if !c.is_ascii_digit() {
            return None;
        }
        d[i] = u32::from(c - b'0');
    }
    Some(d)
}

/// Standard NHS modulus-11 check over 10 digits (weights 10..2 on the first nine).
fn mod11_nhs(d: &[u32; 10]) -> bool {
    let sum: u32 = d[..9].iter().zip((2..=10).rev()).map(|(a, w)| a * w).sum();
    let check = 11 - (sum % 11);
    let check = if check == 11 { 0 } else { check };
    check != 10 && check == d[9]
}

/// NHS number (England, Wales, Isle of Man; also the Northern Irish H&C number): 10 digits,
/// modulus 11.
pub fn is_valid_nhs(s: &[u8]) -> bool {
    digits::<10>(s).is_some_and(|d| mod11_nhs(&d))
}

fn valid_ddmmyy(dd: u32, mm: u32, yy: u32) -> bool {
    if !(1..=12).contains(&mm) || dd == 0 {
        return false;
    }
    let max = match mm {
        2 => {
            if yy.is_multiple_of(4) {
                29
            } else {
                28
            }
        }
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    dd <= max
}

/// CHI number (Scotland): 10 digits, the first six a date of birth DDMMYY, the last a
/// modulus-11 check digit computed as for the NHS number.
pub fn is_valid_chi(s: &[u8]) -> bool {
    match digits::<10>(s) {
        Some(d) => {
            valid_ddmmyy(d[0] * 10 + d[1], d[2] * 10 + d[3], d[4] * 10 + d[5]) && mod11_nhs(&d)
        }
        None => false,
    }
}

/// Unique Learner Number: 10 digits, the first non-zero; the weighted sum of all ten digits
/// (weights 10..1) leaves remainder 10 modulo 11.
pub fn is_valid_uln(s: &[u8]) -> bool {
    match digits::<10>(s) {
        Some(d) if d[0] != 0 => {
            let sum: u32 = d.iter().zip((1..=10).rev()).map(|(a, w)| a * w).sum();
            sum % 11 == 10
        }
        _ => false,
    }
}

/// Scottish Candidate Number: 8 data digits and a modulus-11 check digit, weights
/// 3 2 7 6 5 4 3 2; check = 11 - remainder (remainder 0 gives 0; remainder 1 is invalid).
pub fn is_valid_scn(s: &[u8]) -> bool {
    const W: [u32; 8] = [3, 2, 7, 6, 5, 4, 3, 2];
    match digits::<9>(s) {
        Some(d) => {
            let sum: u32 = d[..8].iter().zip(W).map(|(a, w)| a * w).sum();
            let rem = sum % 11;
            let check = match rem {
                0 => 0,
                1 => return false,
                r => 11 - r,
            };
            check == d[8]
        }
        None => false,
    }
}

/// Computes the check letter for 12 UPN characters (used by tests and generators).
pub fn upn_check_letter(rest: &[u8]) -> Option<u8> {
    if rest.len() != 12 {
        return None;
    }
    let mut sum = 0;
    for (i, &c) in rest.iter().enumerate() {
        let v = if c.is_ascii_digit() {
            u32::from(c - b'0')
        } else if i == 11 {
            upn_letter_value(c)?
        } else {
            return None;
        };
        sum += v * (i as u32 + 2);
    }
    Some(UPN_LETTERS[(sum % 23) as usize])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nhs() {
        assert!(is_valid_nhs(b"9434765919"));
        assert!(is_valid_nhs(b"4010232137"));
        assert!(!is_valid_nhs(b"9434765918"));
        assert!(!is_valid_nhs(b"943476591"));
        assert!(!is_valid_nhs(b"94347659a9"));
    }

    #[test]
    fn uln() {
        assert!(is_valid_uln(b"9276308686"));
        assert!(!is_valid_uln(b"9276308687"));
        assert!(!is_valid_uln(b"0276308686"));
    }

    #[test]
    fn chi() {
        // 120315 + 123 + check
        let base = b"120315123";
        let mut ok = None;
        for c in b'0'..=b'9' {
            let mut v = base.to_vec();
            v.push(c);
            if is_valid_chi(&v) {
                ok = Some(v);
            }
        }
        let v = ok.expect("a valid CHI exists for this base");
        assert!(is_valid_chi(&v));
        assert!(!is_valid_chi(b"3213151234"));
    }

    #[test]
    fn scn() {
        // 1*3+2*2+3*7+4*6+5*5+6*4+7*3+8*2 = 138; 138 % 11 = 6; check 5
        assert!(is_valid_scn(b"123456785"));
        assert!(!is_valid_scn(b"123456784"));
    }

    #[test]
    fn upn() {
        let rest = b"801200110001";
        let l = upn_check_letter(rest).unwrap();
        let mut v = vec![l];
        v.extend_from_slice(rest);
        assert!(is_valid_upn(&v));
        v[0] = if l == b'A' { b'B' } else { b'A' };
        assert!(!is_valid_upn(&v));
    }
}
