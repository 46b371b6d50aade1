//! Recommendations (issue 21, in progress): which live channels a viewer is
//! likely to watch. So far the model: [`als`], implicit-feedback matrix
//! factorisation, pure and measured on MovieLens by `scripts/bench-recs`.

pub mod als;
