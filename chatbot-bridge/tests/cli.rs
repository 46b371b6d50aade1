//! The `aethex-chatbot` binary: importing exports, listing commands, and the
//! exit codes and messages for bad input.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)] // test code: a panic is the failure report

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bot(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_aethex-chatbot"))
        .args(args)
        .env_clear()
        .env("HOME", dir)
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .output()
        .unwrap()
}

fn text(o: &Output) -> (String, String) {
    (String::from_utf8_lossy(&o.stdout).into_owned(), String::from_utf8_lossy(&o.stderr).into_owned())
}

fn data(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(name).display().to_string()
}

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("aethex-chatbot-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn imports_report_and_list() {
    let d = tmp("import");
    let dry = bot(&d, &["--channel", "alice", "import", "nightbot", &data("nightbot-commands.json"), "--dry-run"]);
    let (out, _) = text(&dry);
    assert!(dry.status.success(), "{out}");
    assert!(out.starts_with("would import 3 command(s)"), "{out}");
    assert!(out.contains("- !owner: not imported"), "{out}");
    assert!(out.contains("~ !hug: cooldown 2 s became 5 s"), "{out}");
    let listed = bot(&d, &["--channel", "alice", "commands", "list"]);
    assert_eq!(text(&listed).0.trim(), "no commands for alice", "a dry run saves nothing");

    for (from, file) in [("nightbot", "nightbot-commands.json"), ("streamlabs", "streamlabs-commands.csv")] {
        let o = bot(&d, &["--channel", "Alice", "import", from, &data(file)]);
        assert!(o.status.success(), "{:?}", text(&o));
    }
    let listed = bot(&d, &["--channel", "alice", "commands", "list", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    let names: Vec<&str> = v.as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert!(names.contains(&"!discord") && names.contains(&"!lurk") && names.contains(&"!hug"), "{names:?}");
    let hug = v.as_array().unwrap().iter().find(|c| c["name"] == "!hug").unwrap();
    assert_eq!((hug["userlevel"].as_str(), hug["cooldown"].as_u64()), (Some("vip"), Some(5)));
    let lurk = v.as_array().unwrap().iter().find(|c| c["name"] == "!lurk").unwrap();
    assert!(lurk["response"].as_str().unwrap().contains("$(user)"), "translated: {lurk}");
    let table = text(&bot(&d, &["--channel", "alice", "commands", "list"])).0;
    assert!(table.lines().any(|l| l.starts_with("!discord") && l.contains("12 uses")), "{table}");
    assert!(text(&bot(&d, &["--channel", "bob", "commands", "list"])).0.contains("no commands for bob"), "per channel");
}

#[test]
fn bad_input_gets_a_message_and_an_exit_code() {
    let d = tmp("bad");
    let cases: Vec<(Vec<&str>, i32, &str)> = vec![
        (vec!["run"], 2, "--irc"),
        (vec!["run", "--irc", "127.0.0.1:1"], 2, "--channel"),
        (vec!["--channel", "a", "run", "--irc", "127.0.0.1:1"], 2, "--token"),
        (vec!["--channel", "a", "run", "--irc", "127.0.0.1:1", "--token", "t"], 2, "login"),
        (
            vec!["--channel", "a", "run", "--irc", "127.0.0.1:1", "--token", "t", "--server", "http://127.0.0.1:9"],
            1,
            "AeThex API",
        ),
        (vec!["--channel", "a", "import", "nightbot", "/nonexistent.json"], 2, "cannot read"),
        (vec!["import", "nightbot", "/x.json"], 2, "--channel"),
        (vec!["bogus"], 2, "unrecognized subcommand"),
        (vec!["--config", "/nonexistent.toml", "commands", "list"], 2, "cannot read"),
    ];
    let not_json = d.join("x.json");
    std::fs::write(&not_json, "[1, 2]").unwrap();
    let not_json = not_json.display().to_string();
    let bad_toml = d.join("bad.toml");
    std::fs::write(&bad_toml, "chanel = \"typo\"\n").unwrap();
    let bad_toml = bad_toml.display().to_string();
    let bad_regex = d.join("regex.toml");
    std::fs::write(&bad_regex, "channel = \"a\"\n[filters]\nblacklist = [\"~/(unclosed/\"]\n").unwrap();
    let bad_regex = bad_regex.display().to_string();
    let bad_mod = d.join("moderation.toml");
    std::fs::write(&bad_mod, "channel = \"a\"\n[twitch]\nmoderation = \"shout\"\n").unwrap();
    let bad_mod = bad_mod.display().to_string();
    let mut all = cases;
    all.push((
        vec!["--config", &bad_mod, "run", "--irc", "127.0.0.1:1", "--token", "t", "--login", "b"],
        2,
        "twitch.moderation is 'irc' or 'helix'",
    ));
    all.push((vec!["--channel", "a", "import", "nightbot", &not_json], 2, "not a Nightbot command list"));
    all.push((vec!["--config", &bad_toml, "commands", "list"], 2, "unknown field `chanel`"));
    all.push((
        vec!["--config", &bad_regex, "run", "--irc", "127.0.0.1:1", "--token", "t", "--login", "b"],
        2,
        "not a usable regex",
    ));
    for (args, code, needle) in all {
        let o = bot(&d, &args);
        let (out, err) = text(&o);
        assert_eq!(o.status.code(), Some(code), "{args:?}: {out}{err}");
        assert!(err.contains(needle), "{args:?}: stderr lacks '{needle}': {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
}
