//! `$(eval ...)` without a JavaScript engine: a small expression language
//! that covers what chat commands use eval for, and always terminates.
//!
//! Accepted: numbers (`3`, `2.5`), strings in single or double quotes,
//! `+ - * / %` (with `+` joining strings), unary `-` and `!`, parentheses,
//! comparisons `== != < > <= >=`, `&&`, `||`, the conditional `a ? b : c`,
//! and the functions `Math.floor`, `Math.ceil`, `Math.round`, `Math.abs`,
//! `Math.min`, `Math.max` (also without the `Math.` prefix). No variables,
//! loops, assignments or property access: input is at most 500 characters
//! and nesting at most 32 deep, so evaluation is bounded.

/// Longest expression accepted.
pub const MAX_INPUT: usize = 500;
const MAX_DEPTH: usize = 32;

#[derive(Debug, Clone, PartialEq)]
enum Value {
    Num(f64),
    Str(String),
    Bool(bool),
}

impl Value {
    fn num(&self) -> Result<f64, String> {
        match self {
            Value::Num(n) => Ok(*n),
            Value::Bool(b) => Ok(if *b { 1.0 } else { 0.0 }),
            Value::Str(s) => s.trim().parse().map_err(|_| format!("'{s}' is not a number")),
        }
    }
    fn truthy(&self) -> bool {
        match self {
            Value::Num(n) => *n != 0.0 && !n.is_nan(),
            Value::Str(s) => !s.is_empty(),
            Value::Bool(b) => *b,
        }
    }
    fn show(&self) -> String {
        match self {
            Value::Num(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Value::Num(n) => format!("{n}"),
            Value::Str(s) => s.clone(),
            Value::Bool(b) => b.to_string(),
        }
    }
}

struct Parser<'a> {
    s: &'a [u8],
    src: &'a str,
    i: usize,
    depth: usize,
}

/// Evaluate an expression; the error says what is wrong, for the moderator.
pub fn eval(src: &str) -> Result<String, String> {
    if src.chars().count() > MAX_INPUT {
        return Err(format!("expression longer than {MAX_INPUT} characters"));
    }
    let mut p = Parser { s: src.as_bytes(), src, i: 0, depth: 0 };
    let v = p.conditional()?;
    p.ws();
    if p.i < p.s.len() {
        return Err(format!("unexpected '{}'", &p.src[p.i..].chars().next().unwrap_or(' ')));
    }
    Ok(v.show())
}

impl Parser<'_> {
    fn ws(&mut self) {
        while self.i < self.s.len() && self.s[self.i].is_ascii_whitespace() {
            self.i += 1;
        }
    }
    fn eat(&mut self, tok: &str) -> bool {
        self.ws();
        if self.src[self.i..].starts_with(tok) {
            self.i += tok.len();
            true
        } else {
            false
        }
    }
    fn enter(&mut self) -> Result<(), String> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            Err("expression nested too deeply".into())
        } else {
            Ok(())
        }
    }
    fn conditional(&mut self) -> Result<Value, String> {
        self.enter()?;
        let c = self.or()?;
        let v = if self.eat("?") {
            let a = self.conditional()?;
            if !self.eat(":") {
                return Err("'?' without ':'".into());
            }
            let b = self.conditional()?;
            if c.truthy() {
                a
            } else {
                b
            }
        } else {
            c
        };
        self.depth -= 1;
        Ok(v)
    }
    fn or(&mut self) -> Result<Value, String> {
        let mut l = self.and()?;
        while self.eat("||") {
            let r = self.and()?;
            l = if l.truthy() { l } else { r };
        }
        Ok(l)
    }
    fn and(&mut self) -> Result<Value, String> {
        let mut l = self.cmp()?;
        while self.eat("&&") {
            let r = self.cmp()?;
            l = if l.truthy() { r } else { l };
        }
        Ok(l)
    }
    fn cmp(&mut self) -> Result<Value, String> {
        let l = self.add()?;
        for op in ["===", "!==", "==", "!=", "<=", ">=", "<", ">"] {
            if self.eat(op) {
                let r = self.add()?;
                let ord = match (&l, &r) {
                    (Value::Str(a), Value::Str(b)) => a.partial_cmp(b),
                    _ => l.num()?.partial_cmp(&r.num()?),
                };
                use std::cmp::Ordering::*;
                let b = match op {
                    "==" | "===" => ord == Some(Equal),
                    "!=" | "!==" => ord != Some(Equal),
                    "<" => ord == Some(Less),
                    ">" => ord == Some(Greater),
                    "<=" => matches!(ord, Some(Less | Equal)),
                    _ => matches!(ord, Some(Greater | Equal)),
                };
                return Ok(Value::Bool(b));
            }
        }
        Ok(l)
    }
    fn add(&mut self) -> Result<Value, String> {
        let mut l = self.mul()?;
        loop {
            if self.eat("+") {
                let r = self.mul()?;
                l = match (&l, &r) {
                    (Value::Str(_), _) | (_, Value::Str(_)) => Value::Str(l.show() + &r.show()),
                    _ => Value::Num(l.num()? + r.num()?),
                };
            } else if self.eat("-") {
                let r = self.mul()?;
                l = Value::Num(l.num()? - r.num()?);
            } else {
                return Ok(l);
            }
        }
    }
    fn mul(&mut self) -> Result<Value, String> {
        let mut l = self.unary()?;
        loop {
            let op = if self.eat("*") {
                '*'
            } else if self.eat("/") {
                '/'
            } else if self.eat("%") {
                '%'
            } else {
                return Ok(l);
            };
            let (a, b) = (l.num()?, self.unary()?.num()?);
            if op != '*' && b == 0.0 {
                return Err("division by zero".into());
            }
            l = Value::Num(match op {
                '*' => a * b,
                '/' => a / b,
                _ => a % b,
            });
        }
    }
    fn unary(&mut self) -> Result<Value, String> {
        self.enter()?;
        let v = if self.eat("-") {
            Value::Num(-self.unary()?.num()?)
        } else if self.eat("!") {
            Value::Bool(!self.unary()?.truthy())
        } else {
            self.atom()?
        };
        self.depth -= 1;
        Ok(v)
    }
    fn atom(&mut self) -> Result<Value, String> {
        self.ws();
        let rest = &self.src[self.i..];
        if self.eat("(") {
            let v = self.conditional()?;
            if !self.eat(")") {
                return Err("missing ')'".into());
            }
            return Ok(v);
        }
        if let Some(q) = rest.chars().next().filter(|c| *c == '\'' || *c == '"') {
            let body = &rest[1..];
            let end = body.find(q).ok_or("unterminated string")?;
            self.i += end + 2;
            return Ok(Value::Str(body[..end].to_string()));
        }
        let num_len = rest.bytes().take_while(|b| b.is_ascii_digit() || *b == b'.').count();
        if num_len > 0 {
            self.i += num_len;
            return rest[..num_len]
                .parse()
                .map(Value::Num)
                .map_err(|_| format!("'{}' is not a number", &rest[..num_len]));
        }
        let ident_len = rest.bytes().take_while(|b| b.is_ascii_alphanumeric() || *b == b'.' || *b == b'_').count();
        if ident_len > 0 {
            let name = rest[..ident_len].trim_start_matches("Math.");
            self.i += ident_len;
            match name {
                "true" => return Ok(Value::Bool(true)),
                "false" => return Ok(Value::Bool(false)),
                _ => {}
            }
            if !self.eat("(") {
                return Err(format!("unknown name '{}'", &rest[..ident_len]));
            }
            let mut args = Vec::new();
            if !self.eat(")") {
                loop {
                    args.push(self.conditional()?.num()?);
                    if self.eat(")") {
                        break;
                    }
                    if !self.eat(",") {
                        return Err("expected ',' or ')'".into());
                    }
                }
            }
            let one =
                |f: fn(f64) -> f64| args.first().map(|a| Value::Num(f(*a))).ok_or(format!("{name} needs an argument"));
            return match name {
                "floor" => one(f64::floor),
                "ceil" => one(f64::ceil),
                "round" => one(f64::round),
                "abs" => one(f64::abs),
                "min" if !args.is_empty() => Ok(Value::Num(args.iter().copied().fold(f64::INFINITY, f64::min))),
                "max" if !args.is_empty() => Ok(Value::Num(args.iter().copied().fold(f64::NEG_INFINITY, f64::max))),
                _ => Err(format!("unknown function '{name}'")),
            };
        }
        Err(if rest.is_empty() {
            "expression ends early".into()
        } else {
            format!("unexpected '{}'", rest.chars().next().unwrap_or(' '))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::eval;

    #[test]
    fn arithmetic_strings_logic_and_functions() {
        assert_eq!(eval("1 + 2 * 3").unwrap(), "7");
        assert_eq!(eval("(1 + 2) * 3 / 2").unwrap(), "4.5");
        assert_eq!(eval("-7 % 3").unwrap(), "-1");
        assert_eq!(eval("'GG ' + 'WP'").unwrap(), "GG WP");
        assert_eq!(eval("\"level \" + (2 + 3)").unwrap(), "level 5");
        assert_eq!(eval("3 > 2 ? 'yes' : 'no'").unwrap(), "yes");
        assert_eq!(eval("1 == 2 || 'fallback'").unwrap(), "fallback");
        assert_eq!(eval("!0 && 5").unwrap(), "5");
        assert_eq!(eval("Math.floor(7.9) + round(0.5) + max(1, 9, 3) + abs(-1)").unwrap(), "18");
    }

    #[test]
    fn bad_expressions_are_errors_not_hangs() {
        assert!(eval("1 / 0").unwrap_err().contains("division"));
        assert!(eval("while(true){}").is_err());
        assert!(eval("process.exit()").is_err());
        assert!(eval("'open").unwrap_err().contains("unterminated"));
        assert!(eval("(1 + 2").unwrap_err().contains("')'"));
        assert!(eval("1 +").is_err());
        assert!(eval(&"(".repeat(100)).unwrap_err().contains("deeply"));
        assert!(eval(&"1+".repeat(300)).unwrap_err().contains("longer"));
        assert!(eval("1 ? 2").unwrap_err().contains("':'"));
        assert!(eval("'a' * 2").unwrap_err().contains("not a number"));
    }
}

#[cfg(test)]
mod fuzz {
    //! Fuzz target for `$(eval)`, whose text comes from chat: any input ends
    //! in a value or an error message, never a panic; nesting stops exactly
    //! at the depth limit; and integer arithmetic (`+ - *`, unary minus)
    //! agrees with a plain `i64` evaluator of our own.

    use aethex_sdk::fuzz::gen::{mutate_text, mutations, text, Mutation};
    use proptest::prelude::*;
    use serde::{Deserialize, Serialize};

    use super::*;

    #[derive(Debug, Clone, Serialize, Deserialize)]
    enum Expr {
        Int(u16),
        Float(String),
        Str(String),
        Bool(bool),
        Neg(Box<Expr>),
        Not(Box<Expr>),
        Bin(String, Box<Expr>, Box<Expr>),
        Cond(Box<Expr>, Box<Expr>, Box<Expr>),
        Call(String, Vec<Expr>),
    }

    impl Expr {
        fn text(&self) -> String {
            match self {
                Expr::Int(n) => n.to_string(),
                Expr::Float(f) => f.clone(),
                Expr::Str(s) => format!("'{}'", s.replace('\'', "")),
                Expr::Bool(b) => b.to_string(),
                Expr::Neg(e) => format!("-({})", e.text()),
                Expr::Not(e) => format!("!({})", e.text()),
                Expr::Bin(op, a, b) => format!("({}) {op} ({})", a.text(), b.text()),
                Expr::Cond(c, a, b) => format!("({}) ? ({}) : ({})", c.text(), a.text(), b.text()),
                Expr::Call(f, args) => format!("{f}({})", args.iter().map(Expr::text).collect::<Vec<_>>().join(", ")),
            }
        }

        /// The value of integer arithmetic, if that is all this is and it stays well inside f64's exact range.
        fn int(&self) -> Option<i64> {
            let v = match self {
                Expr::Int(n) => i64::from(*n),
                Expr::Neg(e) => -e.int()?,
                Expr::Bin(op, a, b) => {
                    let (a, b) = (a.int()?, b.int()?);
                    match op.as_str() {
                        "+" => a.checked_add(b)?,
                        "-" => a.checked_sub(b)?,
                        "*" => a.checked_mul(b)?,
                        _ => return None,
                    }
                }
                _ => return None,
            };
            (v.abs() < 1 << 50).then_some(v)
        }
    }

    fn expr() -> impl Strategy<Value = Expr> {
        let leaf = prop_oneof![
            4 => any::<u16>().prop_map(Expr::Int),
            1 => "[0-9]{0,4}\\.[0-9]{0,4}(\\.[0-9])?".prop_map(Expr::Float),
            1 => "[a-z 0-9]{0,6}".prop_map(Expr::Str),
            1 => any::<bool>().prop_map(Expr::Bool),
        ];
        let op = prop::sample::select(vec![
            "+", "-", "*", "+", "-", "*", "/", "%", "==", "!=", "<", ">=", "&&", "||", "===",
        ]);
        let func =
            prop::sample::select(vec!["Math.floor", "ceil", "round", "abs", "min", "Math.max", "sqrt", "process.exit"]);
        leaf.prop_recursive(8, 64, 4, move |inner| {
            prop_oneof![
                1 => inner.clone().prop_map(|e| Expr::Neg(Box::new(e))),
                1 => inner.clone().prop_map(|e| Expr::Not(Box::new(e))),
                6 => (op.clone(), inner.clone(), inner.clone())
                    .prop_map(|(op, a, b)| Expr::Bin(op.to_string(), Box::new(a), Box::new(b))),
                1 => (inner.clone(), inner.clone(), inner.clone())
                    .prop_map(|(c, a, b)| Expr::Cond(Box::new(c), Box::new(a), Box::new(b))),
                1 => (func.clone(), proptest::collection::vec(inner, 0..3))
                    .prop_map(|(f, args)| Expr::Call(f.to_string(), args)),
            ]
        })
    }

    /// An expression, `parens` deep in parentheses, or damaged, or any text.
    #[derive(Debug, Clone, Serialize, Deserialize)]
    enum Input {
        Expr(Expr),
        Nested(usize),
        Damaged(Expr, Vec<Mutation>),
        Text(String),
    }

    #[test]
    fn fuzz_eval() {
        let input = prop_oneof![
            4 => expr().prop_map(Input::Expr),
            1 => (0..400usize).prop_map(Input::Nested),
            2 => (expr(), mutations(3)).prop_map(|(e, m)| Input::Damaged(e, m)),
            1 => text(80).prop_map(Input::Text),
        ];
        aethex_sdk::fuzz::target("eval").run(input, |input: Input| {
            match input {
                Input::Expr(e) => {
                    let src = e.text();
                    let result = eval(&src);
                    if src.chars().count() > MAX_INPUT {
                        prop_assert!(result.is_err());
                    } else if let (Some(v), Ok(shown)) = (e.int(), &result) {
                        prop_assert_eq!(shown, &v.to_string(), "{}", src);
                    }
                }
                Input::Nested(k) => {
                    let src = format!("{}1{}", "(".repeat(k), ")".repeat(k));
                    // Each parenthesis costs two levels (the conditional and the unary inside it).
                    let result = eval(&src);
                    if src.len() > MAX_INPUT {
                        prop_assert!(result.is_err());
                    } else if 2 * (k + 1) <= MAX_DEPTH {
                        prop_assert_eq!(result, Ok("1".to_string()));
                    } else {
                        prop_assert!(result.as_ref().is_err_and(|e| e.contains("deeply")), "{k}: {result:?}");
                    }
                }
                Input::Damaged(e, ms) => {
                    let _ = eval(&mutate_text(&e.text(), &ms));
                }
                Input::Text(t) => {
                    let _ = eval(&t);
                }
            }
            Ok(())
        });
    }
}
