//! Answers kept for repeated requests, least recently used first out, within a byte
//! budget. A dashboard asks the same few questions over and over (Morocco's profile,
//! the poles' alignment). The server never writes the data directory and reads its
//! tables once at start, so a kept answer is the answer for the life of the process;
//! data imported by another process meanwhile shows after a restart (or with a
//! budget of 0, for the event store, which is read per request).

use std::sync::Mutex;

use axum::body::Bytes;
use lru::LruCache;

/// A kept answer: content type and body.
pub(crate) type Answer = (&'static str, Bytes);

/// The cache; with a budget of 0 it keeps nothing.
pub(crate) struct Answers {
    budget: usize,
    inner: Mutex<Inner>,
}

struct Inner {
    map: LruCache<String, Answer>,
    bytes: usize,
}

impl Answers {
    pub(crate) fn new(budget: usize) -> Self {
        Answers {
            budget,
            inner: Mutex::new(Inner {
                map: LruCache::unbounded(),
                bytes: 0,
            }),
        }
    }

    /// The cache key of a request: endpoint, parameters in order of name, format.
    pub(crate) fn key(endpoint: &str, params: &[(String, String)], format: &str) -> String {
        let mut p: Vec<&(String, String)> = params.iter().collect();
        p.sort();
        let mut k = format!("{endpoint}\u{0}{format}");
        for (n, v) in p {
            k.push('\u{0}');
            k.push_str(n);
            k.push('=');
            k.push_str(v);
        }
        k
    }

    pub(crate) fn get(&self, key: &str) -> Option<Answer> {
        if self.budget == 0 {
            return None;
        }
        let mut g = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        g.map.get(key).cloned()
    }

    /// Keeps `answer` unless it alone exceeds a quarter of the budget; evicts the
    /// least recently used answers to stay within it.
    pub(crate) fn put(&self, key: String, answer: Answer) {
        let size = key.len() + answer.1.len();
        if self.budget == 0 || size > self.budget / 4 {
            return;
        }
        let mut g = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(old) = g.map.put(key.clone(), answer) {
            g.bytes -= key.len() + old.1.len();
        }
        g.bytes += size;
        while g.bytes > self.budget {
            match g.map.pop_lru() {
                Some((k, v)) => g.bytes -= k.len() + v.1.len(),
                None => break,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(n: usize) -> Answer {
        ("text/csv", Bytes::from(vec![b'x'; n]))
    }

    #[test]
    fn parameter_order_does_not_matter_but_format_does() {
        let p = |v: &[(&str, &str)]| -> Vec<(String, String)> {
            v.iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect()
        };
        let a = Answers::key(
            "align",
            &p(&[("from", "2015"), ("countries", "MAR")]),
            "json",
        );
        let b = Answers::key(
            "align",
            &p(&[("countries", "MAR"), ("from", "2015")]),
            "json",
        );
        assert_eq!(a, b);
        assert_ne!(
            a,
            Answers::key(
                "align",
                &p(&[("countries", "MAR"), ("from", "2015")]),
                "csv"
            )
        );
        assert_ne!(
            a,
            Answers::key(
                "align",
                &p(&[("countries", "MAR,USA"), ("from", "2015")]),
                "json"
            )
        );
    }

    #[test]
    fn the_least_recently_used_go_first_within_the_budget() {
        let c = Answers::new(1000);
        c.put("a".into(), answer(200));
        c.put("b".into(), answer(200));
        c.put("c".into(), answer(200));
        assert!(c.get("a").is_some()); // a is now the most recent
        c.put("d".into(), answer(200));
        c.put("e".into(), answer(200)); // 5 × 201 > 1000: b goes
        assert!(c.get("b").is_none());
        assert!(c.get("a").is_some() && c.get("e").is_some());
        c.put("huge".into(), answer(300)); // over a quarter of the budget: not kept
        assert!(c.get("huge").is_none());
        let g = c.inner.lock().unwrap();
        assert!(g.bytes <= 1000);
        assert_eq!(
            g.bytes,
            g.map
                .iter()
                .map(|(k, v)| k.len() + v.1.len())
                .sum::<usize>()
        );
    }

    #[test]
    fn a_zero_budget_keeps_nothing() {
        let c = Answers::new(0);
        c.put("a".into(), answer(1));
        assert!(c.get("a").is_none());
    }
}
