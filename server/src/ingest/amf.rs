//! A check in front of rml_rtmp's AMF0 decoder. That decoder (rml_amf0)
//! recurses once per nested object or array, without a limit, and RTMP
//! messages may be 16 MiB long: a few kilobytes of nested objects in a
//! `connect` command overflow the connection task's stack, and a stack
//! overflow aborts the whole server process, before any stream key is looked
//! at. rml_rtmp gives us no hook between its chunk stream and its decoder, so
//! [`NestingCheck`] follows the chunk stream itself (with rml_rtmp's own
//! `ChunkDeserializer`, kept at the session's chunk size) and refuses a message
//! that nests deeper than [`MAX_DEPTH`] before the session sees its bytes.
//! Pure: bytes in, a verdict out.

use rml_rtmp::chunk_io::ChunkDeserializer;
use rml_rtmp::messages::RtmpMessage;

/// Deepest AMF0 nesting accepted. Encoders send flat objects (`connect`,
/// `onMetaData`), a few levels at most; rml_amf0 survives far deeper.
pub const MAX_DEPTH: usize = 32;

/// Why the peer's bytes were refused.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum AmfError {
    /// An AMF0 message nests deeper than [`MAX_DEPTH`].
    #[error("AMF0 values nested deeper than {MAX_DEPTH}")]
    TooDeep,
    /// The chunk stream is broken (the session would refuse it too).
    #[error("bad chunk stream: {0}")]
    Chunks(String),
}

/// Follows one connection's chunk stream; feed it every byte after the handshake, in order.
pub struct NestingCheck {
    chunks: ChunkDeserializer,
}

impl Default for NestingCheck {
    fn default() -> Self {
        Self { chunks: ChunkDeserializer::new() }
    }
}

impl std::fmt::Debug for NestingCheck {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NestingCheck").finish_non_exhaustive()
    }
}

impl NestingCheck {
    /// Check the next bytes from the peer before the session reads them.
    pub fn check(&mut self, bytes: &[u8]) -> Result<(), AmfError> {
        let mut input = bytes;
        loop {
            let message = self.chunks.get_next_message(input).map_err(|e| AmfError::Chunks(format!("{e:?}")))?;
            let Some(message) = message else { return Ok(()) };
            input = &[];
            let amf0 = match message.type_id {
                // Set Chunk Size: the session's deserializer follows it, so must we.
                1 => {
                    if let Ok(RtmpMessage::SetChunkSize { size }) = message.to_rtmp_message() {
                        self.chunks
                            .set_max_chunk_size(size as usize)
                            .map_err(|e| AmfError::Chunks(format!("{e:?}")))?;
                    }
                    continue;
                }
                // AMF0 data and commands, and the "AMF3" ones rml_rtmp decodes as AMF0
                // (a command's leading 0 byte dropped, as it does).
                15 | 18 | 20 => &message.data[..],
                17 => message.data.strip_prefix(&[0]).unwrap_or(&message.data),
                _ => continue,
            };
            if nesting(amf0, MAX_DEPTH) > MAX_DEPTH {
                return Err(AmfError::TooDeep);
            }
        }
    }
}

/// How deep rml_amf0's decoder would recurse on `data`: it walks the values
/// in the decoder's order without recursing itself, and never answers less
/// than the decoder would reach. It stops counting once past `limit`.
pub fn nesting(data: &[u8], limit: usize) -> usize {
    enum Open {
        Object,
        Array(u32),
    }
    let mut r = Reader { data, at: 0 };
    let mut open: Vec<Open> = Vec::new();
    let mut deepest = 0;
    loop {
        match open.last_mut() {
            None => {}
            Some(Open::Array(0)) => {
                open.pop();
                continue;
            }
            Some(Open::Array(left)) => *left -= 1,
            Some(Open::Object) => {
                // A property: a name (its length 0 ends the object, with 0x09), then a value.
                let Some(len) = r.u16() else { return deepest };
                if len == 0 {
                    if r.u8() != Some(0x09) {
                        return deepest;
                    }
                    open.pop();
                    continue;
                }
                r.skip(usize::from(len));
            }
        }
        // A value; at the end of the data, or after an error, the decoder goes no deeper.
        let Some(marker) = r.u8() else { return deepest };
        let ok = match marker {
            0x00 => r.skip_exact(8),
            0x01 => r.skip_exact(1),
            0x02 => r.u16().map(|n| r.skip(usize::from(n))).is_some(),
            0x05 | 0x06 => true,
            0x03 => {
                open.push(Open::Object);
                true
            }
            0x08 => r.u32().map(|_| open.push(Open::Object)).is_some(),
            0x0a => r.u32().map(|n| open.push(Open::Array(n))).is_some(),
            // Object end where a value was due: ends the top level or an array, and
            // is an error inside an object.
            0x09 => match open.last() {
                Some(Open::Array(_)) => {
                    open.pop();
                    true
                }
                _ => false,
            },
            _ => false,
        };
        if !ok {
            return deepest;
        }
        deepest = deepest.max(open.len());
        if deepest > limit {
            return deepest;
        }
    }
}

struct Reader<'a> {
    data: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn take<const N: usize>(&mut self) -> Option<[u8; N]> {
        let b = self.data.get(self.at..self.at + N)?.try_into().ok()?;
        self.at += N;
        Some(b)
    }
    fn u8(&mut self) -> Option<u8> {
        self.take::<1>().map(|[b]| b)
    }
    fn u16(&mut self) -> Option<u16> {
        self.take().map(u16::from_be_bytes)
    }
    fn u32(&mut self) -> Option<u32> {
        self.take().map(u32::from_be_bytes)
    }
    /// Skip up to `n` bytes (the decoder reads strings with a short read allowed).
    fn skip(&mut self, n: usize) {
        self.at = self.at.saturating_add(n).min(self.data.len());
    }
    /// Skip exactly `n` bytes, or fail as the decoder's fixed-size reads do.
    fn skip_exact(&mut self, n: usize) -> bool {
        if self.data.len() - self.at < n {
            return false;
        }
        self.at += n;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested_objects(depth: usize) -> Vec<u8> {
        [0x03, 0x00, 0x01, b'a'].repeat(depth)
    }

    #[test]
    fn counts_what_the_decoder_would_open() {
        assert_eq!(nesting(&[], 99), 0);
        // "connect", 1.0, {app: "live"}
        let connect = [
            &[0x02, 0, 7][..],
            b"connect",
            &[0x00, 0x3f, 0xf0, 0, 0, 0, 0, 0, 0, 0x03, 0, 3],
            b"app",
            &[0x02, 0, 4],
            b"live",
            &[0, 0, 0x09],
        ]
        .concat();
        assert_eq!(nesting(&connect, 99), 1);
        assert_eq!(nesting(&nested_objects(5), 99), 5);
        assert_eq!(nesting(&[0x0a, 0, 0, 0, 1].repeat(7), 99), 7, "strict arrays");
        assert_eq!(nesting(&nested_objects(1_000_000), MAX_DEPTH), MAX_DEPTH + 1, "stops past the limit");
        // An array ended early by 0x09 closes; the next value is at the outer level.
        assert_eq!(nesting(&[0x0a, 0, 0, 0, 9, 0x09, 0x0a, 0, 0, 0, 1, 0x05], 99), 1);
    }
}

#[cfg(test)]
pub(crate) mod fuzz {
    //! Fuzz target: [`nesting`] never answers less than rml_amf0's decoder
    //! reaches (checked wherever the decoder can safely run), exactly the
    //! nesting of intact values, which decode to what was encoded; and past
    //! [`MAX_DEPTH`] it stops early, however deep the input goes.

    use std::io::Cursor;

    use aethex_sdk::fuzz::gen::{mutate, mutations, Mutation};
    use proptest::collection::vec;
    use proptest::prelude::*;
    use rml_rtmp::rml_amf0::{self, Amf0Value};
    use serde::{Deserialize, Serialize};

    use super::*;

    /// An AMF0 value, serialisable for the corpus (numbers as their bits).
    #[derive(Debug, Clone, Serialize, Deserialize)]
    pub(crate) enum Amf {
        Number(u64),
        Bool(bool),
        Str(String),
        Null,
        Undefined,
        Object(Vec<(String, Amf)>),
        Array(Vec<Amf>),
    }

    impl Amf {
        pub(crate) fn value(&self) -> Amf0Value {
            match self {
                Amf::Number(bits) => {
                    Amf0Value::Number(Some(f64::from_bits(*bits)).filter(|n| !n.is_nan()).unwrap_or(0.0))
                }
                Amf::Bool(b) => Amf0Value::Boolean(*b),
                Amf::Str(s) => Amf0Value::Utf8String(s.clone()),
                Amf::Null => Amf0Value::Null,
                Amf::Undefined => Amf0Value::Undefined,
                Amf::Object(props) => Amf0Value::Object(props.iter().map(|(k, v)| (k.clone(), v.value())).collect()),
                Amf::Array(items) => Amf0Value::StrictArray(items.iter().map(Amf::value).collect()),
            }
        }
    }

    /// Values up to 6 deep, names never empty (an empty name ends an object).
    pub(crate) fn amf() -> impl Strategy<Value = Amf> {
        let leaf = prop_oneof![
            any::<u64>().prop_map(Amf::Number),
            prop::sample::select(vec![0.0f64, 1.0, -1.0, 1280.0, 29.97]).prop_map(|n| Amf::Number(n.to_bits())),
            any::<bool>().prop_map(Amf::Bool),
            ".{0,12}".prop_map(Amf::Str),
            Just(Amf::Null),
            Just(Amf::Undefined),
        ];
        leaf.prop_recursive(6, 48, 6, |inner| {
            prop_oneof![
                vec((".{1,8}", inner.clone()), 0..6).prop_map(Amf::Object),
                vec(inner, 0..6).prop_map(Amf::Array),
            ]
        })
    }

    fn depth(v: &Amf0Value) -> usize {
        match v {
            Amf0Value::Object(props) => 1 + props.values().map(depth).max().unwrap_or(0),
            Amf0Value::StrictArray(items) => 1 + items.iter().map(depth).max().unwrap_or(0),
            _ => 0,
        }
    }

    /// `levels` of nested objects, strict arrays or ECMA arrays.
    pub(crate) fn deep(kind: u8, levels: usize) -> Vec<u8> {
        match kind % 3 {
            0 => [0x03, 0, 1, b'a'].repeat(levels),
            1 => [0x0a, 0, 0, 0, 1].repeat(levels),
            _ => [0x08, 0, 0, 0, 1, 0, 1, b'a'].repeat(levels),
        }
    }

    /// Deep enough to matter, and now and then deep enough to abort an unchecked server.
    pub(crate) fn levels() -> impl Strategy<Value = usize> {
        prop_oneof![8 => MAX_DEPTH - 2..MAX_DEPTH + 40, 1 => 0..200_000usize]
    }

    /// Past this, the decoder is not run on the test thread's stack.
    const SAFE_TO_DECODE: usize = 64;

    #[test]
    fn fuzz_amf0() {
        let input = (vec(amf(), 0..5), proptest::option::of((any::<u8>(), levels())), mutations(3));
        aethex_sdk::fuzz::target("amf0").run(
            input,
            |(values, deep_prefix, ms): (Vec<Amf>, Option<(u8, usize)>, Vec<Mutation>)| {
                let values: Vec<Amf0Value> = values.iter().map(Amf::value).collect();
                let encoded = rml_amf0::serialize(&values).map_err(|e| TestCaseError::reject(format!("{e:?}")))?;
                let prefix = deep_prefix.map_or(Vec::new(), |(kind, levels)| deep(kind, levels));
                let intact = [&prefix[..], &encoded].concat();
                let bytes = mutate(intact.clone(), &ms);
                let n = nesting(&bytes, SAFE_TO_DECODE);
                if bytes == intact {
                    if let Some((_, levels)) = deep_prefix {
                        prop_assert!(n >= levels.min(SAFE_TO_DECODE + 1), "{levels} levels counted as {n}");
                    } else {
                        prop_assert_eq!(n, values.iter().map(depth).max().unwrap_or(0));
                        let decoded = rml_amf0::deserialize(&mut Cursor::new(&bytes));
                        prop_assert_eq!(decoded.ok(), Some(values.clone()), "round trip");
                    }
                }
                if n <= SAFE_TO_DECODE {
                    if let Ok(decoded) = rml_amf0::deserialize(&mut Cursor::new(&bytes)) {
                        let reached = decoded.iter().map(depth).max().unwrap_or(0);
                        prop_assert!(reached <= n, "the decoder reached {reached}, counted {n}");
                    }
                }
                Ok(())
            },
        );
    }
}
