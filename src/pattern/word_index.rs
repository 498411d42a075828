//! The lexicon entries by first word, for [`super::words::WordClasses`]: a hash filter and a
//! map that find, where a word starts, the entries starting with that whole word, without walking
//! the large Aho-Corasick automaton over every byte.

use super::lexicon::{FastMap, FastSet};
use super::words::{matches_at, word_end, Entry};

/// The longest first word of an entry looked up in [`WordIndex`] (longer words are in no entry).
pub(super) const KEY_MAX: usize = 48;

/// The lexicon entries by their first word: where a word starts, the entries that can match
/// there.
#[derive(Debug, Clone)]
pub(super) struct WordIndex {
    /// Entry (lowercase) and class mask, longest entry first, by the entry's first run of word
    /// characters ("secretary" for "secretary of state", "u" for "u.s.", "rep" for "rep.").
    pub(super) by_first: FastMap<Box<[u8]>, Vec<Entry>>,
    /// The first words of the entries that go on past them (with a space, an apostrophe or a
    /// period): a match of one can start inside a text word and run into the next.
    pub(super) spanning_first: FastSet<Box<[u8]>>,
    /// The bytes that can follow such a first word in its entry.
    pub(super) spanning_sep: [bool; 256],
    /// The longest of `spanning_first`; `usize::MAX` when some entry cannot be looked up at
    /// all (then only the automaton runs).
    pub(super) spanning_max: usize,
    /// A bit for the [`hash_step`] hash of each key of `by_first`: most words are in no entry,
    /// and nearly all of those are ruled out by their bit.
    pub(super) first_hashes: Vec<u64>,
    /// A bit for the hash of each of `spanning_first` read backwards: a word's endings are
    /// tested from its last byte back.
    pub(super) spanning_hashes: Vec<u64>,
}

impl WordIndex {
    pub(super) fn new(words: &[String], masks: &[u32]) -> WordIndex {
        let mut ix = WordIndex {
            by_first: FastMap::default(),
            spanning_first: FastSet::default(),
            spanning_sep: [false; 256],
            spanning_max: 0,
            first_hashes: vec![0; BLOOM_BITS / 64],
            spanning_hashes: vec![0; BLOOM_BITS / 64],
        };
        for (w, &mask) in words.iter().zip(masks) {
            let first = word_end(w, 0);
            if first == 0 || first > KEY_MAX {
                // An entry that starts with a non-word character, or whose first word is longer
                // than any key: the lookup cannot find it, so every text goes to the automaton
                // (none of today's lexicons has one).
                ix.spanning_max = usize::MAX;
                continue;
            }
            let key: Box<[u8]> = w.as_bytes()[..first].into();
            if first < w.len() {
                ix.spanning_sep[w.as_bytes()[first] as usize] = true;
                ix.spanning_max = ix.spanning_max.max(first);
                ix.spanning_first.insert(key.clone());
            }
            ix.by_first
                .entry(key)
                .or_default()
                .push((w.as_bytes().into(), mask));
        }
        for (key, entries) in ix.by_first.iter_mut() {
            entries.sort_by_key(|(e, _)| std::cmp::Reverse(e.len()));
            set_bit(
                &mut ix.first_hashes,
                key.iter().fold(HASH_SEED, |h, &c| hash_step(h, c)),
            );
        }
        for key in &ix.spanning_first {
            let h = key.iter().rev().fold(HASH_SEED, |h, &c| hash_step(h, c));
            set_bit(&mut ix.spanning_hashes, h);
        }
        ix
    }

    /// Whether an entry that goes on past its first word matches in `b` from inside the word
    /// `b[start..end]`.
    pub(super) fn spans_from_inside(&self, b: &[u8], start: usize, end: usize) -> bool {
        let mut key = [0u8; KEY_MAX];
        let mut h = HASH_SEED;
        // The word's endings, shortest first, each hashed from its last byte back.
        for m in (start + 1..end).rev() {
            if end - m > self.spanning_max {
                break;
            }
            h = hash_step(h, b[m].to_ascii_lowercase());
            // (Not from inside a character.)
            if (b[m] as i8) < -0x40 || !bit(&self.spanning_hashes, h) {
                continue;
            }
            let key = &mut key[..end - m];
            key.copy_from_slice(&b[m..end]);
            key.make_ascii_lowercase();
            if self.spanning_first.contains(&*key)
                && self.by_first[&*key]
                    .iter()
                    .any(|(e, _)| e.len() > key.len() && matches_at(b, m, e))
            {
                return true;
            }
        }
        false
    }
}

/// Bits in each of [`WordIndex`]'s hash filters (indexed by a hash's top 16 bits).
pub(super) const BLOOM_BITS: usize = 1 << 16;

/// The FNV-1a offset basis.
pub(super) const HASH_SEED: u64 = 0xcbf2_9ce4_8422_2325;

/// One byte into an FNV-1a hash.
pub(super) fn hash_step(h: u64, c: u8) -> u64 {
    (h ^ u64::from(c)).wrapping_mul(0x0100_0000_01b3)
}

/// Whether the filter `bits` has the bit of hash `h`.
pub(super) fn bit(bits: &[u64], h: u64) -> bool {
    let i = (h >> 48) as usize;
    bits[i / 64] & (1 << (i % 64)) != 0
}

/// Sets the bit of hash `h` in the filter `bits`.
pub(super) fn set_bit(bits: &mut [u64], h: u64) {
    let i = (h >> 48) as usize;
    bits[i / 64] |= 1 << (i % 64);
}
