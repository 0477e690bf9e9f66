//! `multipolar serve`: every endpoint answers what the CLI prints for the same
//! request (byte for byte), errors carry the CLI's message with a 4xx status, and
//! malformed or excessive requests are refused while the server keeps serving.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use crate::util::TestEnv;

/// A running server, stopped (SIGTERM, then waited for) when dropped.
pub struct Server {
    child: Child,
    pub addr: SocketAddr,
}

impl Server {
    /// Starts `multipolar serve` on a free loopback port of `env`'s data directory
    /// and waits until it listens.
    pub fn start(env: &TestEnv, extra: &[&str]) -> Server {
        let mut args = vec!["serve", "--addr", "127.0.0.1:0", "--quiet"];
        args.extend(extra);
        let mut child = env
            .cmd(&args)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut err = BufReader::new(child.stderr.take().unwrap());
        let mut seen = String::new();
        let addr = loop {
            let mut line = String::new();
            if err.read_line(&mut line).unwrap() == 0 {
                panic!("the server stopped before listening:\n{seen}");
            }
            seen += &line;
            if let Some(rest) = line.split("serving http://").nth(1) {
                break rest.split('/').next().unwrap().parse().unwrap();
            }
        };
        // Keep draining stderr so the server never blocks on a full pipe.
        std::thread::spawn(move || std::io::copy(&mut err, &mut std::io::sink()));
        Server { child, addr }
    }

    /// GET `path` (with query string): status, headers (lowercase names), body.
    pub fn get(&self, path: &str) -> Response {
        self.request(&format!(
            "GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
        ))
    }

    /// Sends raw request bytes and reads the whole answer.
    pub fn request(&self, raw: &str) -> Response {
        let mut s = TcpStream::connect(self.addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(120))).unwrap();
        s.write_all(raw.as_bytes()).unwrap();
        let mut bytes = Vec::new();
        s.read_to_end(&mut bytes).unwrap();
        Response::parse(&bytes)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let _ = self.child.wait();
    }
}

pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    fn parse(bytes: &[u8]) -> Response {
        let end = bytes
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("a header block");
        let head = String::from_utf8_lossy(&bytes[..end]).to_string();
        let mut lines = head.lines();
        let status = lines
            .next()
            .unwrap()
            .split(' ')
            .nth(1)
            .unwrap()
            .parse()
            .unwrap();
        let headers: Vec<(String, String)> = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        let mut body = bytes[end + 4..].to_vec();
        if headers
            .iter()
            .any(|(k, v)| k == "transfer-encoding" && v == "chunked")
        {
            body = dechunk(&body);
        }
        Response {
            status,
            headers,
            body,
        }
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8(self.body.clone()).unwrap()
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap()
    }
}

fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let nl = b.windows(2).position(|w| w == b"\r\n").unwrap();
        let n = usize::from_str_radix(std::str::from_utf8(&b[..nl]).unwrap().trim(), 16).unwrap();
        if n == 0 {
            return out;
        }
        out.extend_from_slice(&b[nl + 2..nl + 2 + n]);
        b = &b[nl + 2 + n + 2..];
    }
}

/// The persistent directory of the ideal-point tests, with the full fit cached by the
/// CLI: the server is read-only and loads it at start.
pub(crate) fn fitted() -> TestEnv {
    let env = TestEnv::persistent("ideal-full-fit");
    env.ok(&["ideal", "USA", "--from", "2019", "--to", "2019"]);
    env
}

/// Each endpoint against the CLI command with the same parameters, byte for byte.
#[test]
fn every_endpoint_answers_what_the_cli_prints() {
    let env = fitted();
    let server = Server::start(&env, &[]);
    let cases: [(&str, &[&str]); 14] = [
        (
            "/api/v1/align?countries=MAR,USA,RUS&from=2015&to=2019",
            &[
                "align", "MAR", "USA", "RUS", "--from", "2015", "--to", "2019",
            ],
        ),
        (
            "/api/v1/align?countries=MAR&with=all&from=2019&to=2019&sort=kappa_quad&top=5&by=year",
            &[
                "align",
                "MAR",
                "--with",
                "all",
                "--from",
                "2019",
                "--to",
                "2019",
                "--sort",
                "kappa_quad",
                "--top",
                "5",
                "--by",
                "year",
            ],
        ),
        (
            "/api/v1/align?countries=MAR,USA&from=2015&to=2015&explain=true",
            &[
                "align",
                "MAR",
                "USA",
                "--from",
                "2015",
                "--to",
                "2015",
                "--explain",
            ],
        ),
        (
            "/api/v1/align?countries=MAR,USA&from=2010&to=2019&measure=kappa_quad,ideal_distance",
            &[
                "align",
                "MAR",
                "USA",
                "--from",
                "2010",
                "--to",
                "2019",
                "--measure",
                "kappa_quad,ideal_distance",
            ],
        ),
        (
            "/api/v1/ties?countries=USA,GBR,FRA&channel=alliances&from=1985&to=1991",
            &[
                "ties",
                "USA",
                "GBR",
                "FRA",
                "--channel",
                "alliances",
                "--from",
                "1985",
                "--to",
                "1991",
            ],
        ),
        (
            "/api/v1/ties?countries=MAR,USA&channel=arms&from=2010&to=2019&window=5",
            &[
                "ties",
                "MAR",
                "USA",
                "--channel",
                "arms",
                "--from",
                "2010",
                "--to",
                "2019",
                "--window",
                "5",
            ],
        ),
        (
            "/api/v1/ties?countries=CAN,USA&channel=trade&from=2000&to=2014",
            &[
                "ties",
                "CAN",
                "USA",
                "--channel",
                "trade",
                "--from",
                "2000",
                "--to",
                "2014",
            ],
        ),
        (
            "/api/v1/dependence?country=IND&on=RUS,FRA,USA&channel=arms&window=5&from=2000&to=2020",
            &[
                "dependence",
                "IND",
                "--on",
                "RUS,FRA,USA",
                "--channel",
                "arms",
                "--window",
                "5",
                "--from",
                "2000",
                "--to",
                "2020",
            ],
        ),
        (
            "/api/v1/ideal?countries=MAR,USA&from=2010&to=2019",
            &["ideal", "MAR", "USA", "--from", "2010", "--to", "2019"],
        ),
        ("/api/v1/system?year=1975", &["system", "--year", "1975"]),
        (
            "/api/v1/polarity?from=1990&to=2000",
            &["polarity", "--from", "1990", "--to", "2000"],
        ),
        (
            "/api/v1/countries?query=Soviet%20Union&year=1980",
            &["country", "Soviet Union", "--year", "1980"],
        ),
        ("/api/v1/measures", &["measures"]),
        (
            "/api/v1/profile?country=MAR&from=1990&to=2019",
            &["profile", "MAR", "--from", "1990", "--to", "2019"],
        ),
    ];
    for (path, args) in cases {
        let r = server.get(path);
        assert_eq!(r.status, 200, "{path}: {}", r.text());
        assert_eq!(r.header("content-type"), Some("application/json"), "{path}");
        let cli = env.ok(&[args, &["--format", "json"]].concat());
        assert_eq!(
            r.text(),
            cli,
            "{path} differs from `multipolar {}`",
            args.join(" ")
        );
        // Asked again, the kept answer is the same answer.
        assert_eq!(server.get(path).body, r.body, "{path} asked again");
    }
    // CSV and Parquet, by parameter and by Accept header.
    let args = ["align", "MAR", "USA", "--from", "2015", "--to", "2019"];
    let csv = server.get("/api/v1/align?countries=MAR,USA&from=2015&to=2019&format=csv");
    assert_eq!(csv.header("content-type"), Some("text/csv; charset=utf-8"));
    assert_eq!(
        csv.text(),
        env.ok(&[&args[..], &["--format", "csv"]].concat())
    );
    let by_accept = server.request(
        "GET /api/v1/align?countries=MAR,USA&from=2015&to=2019 HTTP/1.1\r\nHost: x\r\nAccept: text/csv\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(by_accept.body, csv.body);
    let pq = server.get("/api/v1/align?countries=MAR,USA&from=2015&to=2019&format=parquet");
    assert_eq!(
        pq.header("content-type"),
        Some("application/vnd.apache.parquet")
    );
    let file = env.data().join("align.parquet");
    env.ok(&[
        &args[..],
        &["--format", "parquet", "--out", file.to_str().unwrap()],
    ]
    .concat());
    assert_eq!(pq.body, std::fs::read(&file).unwrap());
    // Text to events: the API's table is `multipolar code --format csv` of the text.
    let text = "Morocco's security chief visited Moscow for talks on counter-terrorism. \
                Russian troops attacked Ukrainian positions near Kharkiv.";
    let api = server.get(&format!(
        "/api/v1/code?id=-&format=csv&text={}",
        text.replace(' ', "%20").replace('\'', "%27")
    ));
    assert_eq!(api.status, 200, "{}", api.text());
    let mut cmd = env.cmd(&["code", "--format", "csv", "-"]);
    cmd.stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), text.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let cli = String::from_utf8(out.stdout).unwrap();
    // The header, the visit (042 MAR→RUS), its host side (043 RUS→MAR), the attack.
    assert_eq!(cli.lines().count(), 4, "{cli}");
    assert_eq!(api.text(), cli);
}

/// Bad requests get the CLI's message with a 4xx status and a JSON body.
#[test]
fn errors_carry_the_cli_message_and_a_4xx_status() {
    let env = fitted();
    let server = Server::start(&env, &[]);
    let kind = |r: &Response| r.json()["error"]["kind"].as_str().unwrap().to_string();

    let r = server.get("/api/v1/align?countries=MAR,Marocco");
    assert_eq!(r.status, 404);
    assert_eq!(kind(&r), "unknown_country");
    let cli = env.fails(&["align", "MAR", "Marocco"]);
    let msg = r.json()["error"]["message"].as_str().unwrap().to_string();
    assert_eq!(format!("multipolar: {msg}\n"), cli);
    let suggestions = r.json()["error"]["suggestions"].clone();
    assert!(
        suggestions
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s.as_str().unwrap().contains("Morocco")),
        "{suggestions}"
    );

    let r = server.get("/api/v1/align?countries=MAR,USA&from=2000&to=1990");
    assert_eq!(r.status, 400);
    assert_eq!(kind(&r), "usage");
    let cli = env.usage(&["align", "MAR", "USA", "--from", "2000", "--to", "1990"]);
    assert_eq!(
        format!(
            "multipolar: {}\n",
            r.json()["error"]["message"].as_str().unwrap()
        ),
        cli
    );

    let r = server.get("/api/v1/profile?country=MAR&from=2030");
    assert_eq!(r.status, 404);
    assert_eq!(kind(&r), "no_data");
    assert!(
        r.text().contains("multipolar data update unga"),
        "{}",
        r.text()
    );

    let r = server.get("/api/v1/align?countries=MAR,USA&colour=red");
    assert_eq!(r.status, 400);
    assert!(
        r.text().contains("unknown parameter \\\"colour\\\""),
        "{}",
        r.text()
    );

    let r = server.get("/api/v1/align?countries=MAR,USA&format=xlsx");
    assert_eq!(r.status, 400);
    let r = server.get("/api/v1/profile?country=MAR&format=csv");
    assert_eq!(r.status, 400);
    let r = server.get("/api/v1/align?countries=MAR,USA&from=19x0");
    assert_eq!(r.status, 400);
    let r = server.get("/api/v1/ties?countries=USA,GBR&cow_alliances=/etc/passwd");
    assert_eq!(r.status, 400);
    assert!(
        r.text().contains("only on the command line"),
        "{}",
        r.text()
    );
    let r = server.get("/api/v1/nothing");
    assert_eq!(r.status, 404);
    assert_eq!(kind(&r), "not_found");
    let r = server.request(
        "POST /api/v1/align HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(r.status, 405);
}

/// Huge query strings, garbage and a thousand connections at once are refused or
/// shed, and the server keeps serving.
#[test]
fn malformed_and_excessive_requests_leave_the_server_serving() {
    let env = fitted();
    // Every request computed (no kept answers), so the thousand below really load it.
    let server = Server::start(&env, &["--max-concurrent", "8", "--cache-mb", "0"]);
    let long = format!("/api/v1/align?countries={}", "MAR,".repeat(5000));
    assert_eq!(server.get(&long).status, 414);
    // Headers far beyond any sane size: refused by the HTTP layer.
    let huge = format!(
        "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Pad: {}\r\nConnection: close\r\n\r\n",
        "a".repeat(1 << 20)
    );
    let mut s = TcpStream::connect(server.addr).unwrap();
    let _ = s.write_all(huge.as_bytes());
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    let head = String::from_utf8_lossy(&out);
    assert!(head.is_empty() || head.starts_with("HTTP/1.1 4"), "{head}");
    // Not HTTP at all.
    let mut s = TcpStream::connect(server.addr).unwrap();
    s.write_all(b"\x00\x01garbage\r\n\r\n").unwrap();
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    assert!(out.is_empty() || out.starts_with(b"HTTP/1.1 4"));

    // A thousand connections at once, each asking for an alignment table: every
    // answer is 200 or 503 (shed), none an error of the server.
    let addr = server.addr;
    let handles: Vec<_> = (0..1000)
        .map(|_| {
            std::thread::spawn(move || {
                let Ok(mut s) = TcpStream::connect(addr) else {
                    return None;
                };
                s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
                let req = "GET /api/v1/align?countries=USA,RUS&from=2010&to=2019 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
                s.write_all(req.as_bytes()).ok()?;
                let mut out = Vec::new();
                s.read_to_end(&mut out).ok()?;
                Some(Response::parse(&out).status)
            })
        })
        .collect();
    let statuses: Vec<Option<u16>> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    let ok = statuses.iter().filter(|s| **s == Some(200)).count();
    let shed = statuses.iter().filter(|s| **s == Some(503)).count();
    assert!(
        statuses.iter().all(|s| matches!(s, Some(200 | 503) | None)),
        "{statuses:?}"
    );
    assert!(ok > 0, "{ok} answered, {shed} shed");
    // Still serving.
    assert_eq!(server.get("/healthz").text(), "ok\n");
    let r = server.get("/api/v1/align?countries=USA,RUS&from=2019&to=2019");
    assert_eq!(r.status, 200, "{}", r.text());
}

/// The OpenAPI document lists every endpoint with its request type's parameters.
#[test]
fn the_openapi_document_describes_every_endpoint() {
    let env = fitted();
    let server = Server::start(&env, &[]);
    let doc = server.get("/api/v1/openapi.json").json();
    assert_eq!(doc["openapi"], "3.1.0");
    let paths = doc["paths"].as_object().unwrap();
    for p in [
        "align",
        "ties",
        "dependence",
        "profile",
        "system",
        "events",
        "countries",
        "measures",
        "code",
    ] {
        assert!(paths.contains_key(&format!("/api/v1/{p}")), "{p} missing");
    }
    let params = |p: &str| -> Vec<serde_json::Value> {
        paths[&format!("/api/v1/{p}")]["get"]["parameters"]
            .as_array()
            .unwrap()
            .clone()
    };
    let find = |p: &str, name: &str| -> serde_json::Value {
        params(p)
            .into_iter()
            .find(|x| x["name"] == name)
            .unwrap_or_else(|| panic!("{p} has no parameter {name}"))
    };
    // Types, defaults, enums and lists come from the CLI's own flag definitions.
    assert_eq!(find("align", "from")["schema"]["type"], "integer");
    assert_eq!(find("align", "important")["schema"]["type"], "boolean");
    assert_eq!(
        find("align", "by")["schema"]["enum"],
        serde_json::json!(["session", "year"])
    );
    assert_eq!(find("align", "countries")["schema"]["type"], "array");
    assert_eq!(find("align", "countries")["required"], true);
    assert_eq!(find("align", "reps")["schema"]["default"], 1000);
    assert_eq!(
        find("profile", "poles")["schema"]["default"],
        serde_json::json!(["USA", "EU", "CHN", "RUS"])
    );
    assert!(
        find("align", "from")["description"]
            .as_str()
            .unwrap()
            .contains("First year"),
        "descriptions are the flags' help"
    );
    // File parameters are refused by the server, so not documented.
    assert!(params("profile").iter().all(|x| x["name"] != "groups"));
    // Every documented parameter is accepted (an unknown one would be a 400).
    let r = server.get("/api/v1/align?countries=MAR,USA&from=2015&to=2015&by=year&important=false&no_amendments=false&no_unanimous=false&pooled=true&reps=1000&seed=42");
    assert_eq!(r.status, 200, "{}", r.text());
}

/// SIGTERM stops the server: the process exits on its own, successfully.
#[test]
fn sigterm_shuts_the_server_down() {
    let env = fitted();
    let mut server = Server::start(&env, &[]);
    assert_eq!(server.get("/healthz").status, 200);
    Command::new("kill")
        .args(["-TERM", &server.child.id().to_string()])
        .status()
        .unwrap();
    let status = server.child.wait().unwrap();
    assert!(status.success(), "{status}");
}
