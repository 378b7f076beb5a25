//! fairgen: loadgen's closed loop with one request in flight per connection, plus how the answers are
//! spread over the connections. A server that answers the same few connections over and over gets a
//! low median latency from loadgen (their many quick samples) while the rest wait; the mean latency
//! (by Little's law, connections / rate) and the spread say which it is.
//! usage: fairgen HOST:PORT CONNS SECONDS
//! Prints one line of names and values, as loadgen does: rps, msgs (answers), p50/p99/mean/max latency
//! in microseconds, errors, answers per connection (conn_min, conn_p10, conn_median, conn_p90,
//! conn_max), top10_pct (the share of all answers that went to the busiest 10% of connections), and
//! jain, Jain's fairness index over the per-connection counts (1 = every connection answered equally
//! often).
//! Build: CARGO_TARGET_DIR=jrpcx-benchmarks/target/tools cargo build --release --offline
//!        --manifest-path jrpcx-benchmarks/scripts/fairgen/Cargo.toml
use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::sync::{Arc, Barrier, Mutex};
use std::time::{Duration, Instant};
fn request(id: u64) -> Vec<u8> {
    format!("{{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[\"hello world\"],\"id\":{}}}\n", id).into_bytes()
}
fn main() {
    let a: Vec<String> = std::env::args().collect();
    if a.len() < 4 { eprintln!("usage: fairgen HOST:PORT CONNS SECONDS"); std::process::exit(2); }
    let addr = a[1].clone();
    let conns: usize = a[2].parse().unwrap();
    let secs: f64 = a[3].parse().unwrap();
    let lat = Arc::new(Mutex::new(Vec::<u32>::new()));
    let counts = Arc::new(Mutex::new(Vec::<(usize, u64)>::new()));
    let errors = Arc::new(Mutex::new(0u64));
    // every connection is open before the clock starts, so a thread started late is not counted as starved
    let ready = Arc::new(Barrier::new(conns + 1));
    let go = Arc::new(Barrier::new(conns + 1));
    let start = Arc::new(Mutex::new(Instant::now()));
    let mut hs = vec![];
    for c in 0..conns {
        let addr = addr.clone(); let lat = lat.clone(); let counts = counts.clone(); let errors = errors.clone();
        let ready = ready.clone(); let go = go.clone(); let start = start.clone();
        hs.push(std::thread::spawn(move || {
            let s = TcpStream::connect(&addr).unwrap_or_else(|e| { eprintln!("fairgen: cannot connect: {}", e); std::process::exit(1) });
            s.set_nodelay(true).ok();
            let mut w = s.try_clone().unwrap();
            let mut r = BufReader::with_capacity(1 << 16, s);
            let mut id: u64 = (c as u64) << 32;
            ready.wait();
            go.wait();
            let stop = *start.lock().unwrap() + Duration::from_secs_f64(secs);
            let mut local = Vec::with_capacity(1 << 12);
            id += 1; w.write_all(&request(id)).unwrap();
            let mut t0 = Instant::now();
            let mut line = Vec::new();
            let mut n = 0u64;
            loop {
                line.clear();
                match r.read_until(b'\n', &mut line) { Ok(0) | Err(_) => { *errors.lock().unwrap() += 1; break } _ => {} }
                // an answer that carries an error counts as an error, as in loadgen
                if line.windows(7).any(|x| x == b"\"error\"") { *errors.lock().unwrap() += 1; }
                let now = Instant::now();
                local.push(now.duration_since(t0).as_micros() as u32);
                n += 1;
                if now >= stop { break; }
                id += 1; w.write_all(&request(id)).unwrap(); t0 = Instant::now();
            }
            lat.lock().unwrap().extend(local);
            counts.lock().unwrap().push((c, n));
        }));
    }
    ready.wait();
    *start.lock().unwrap() = Instant::now();
    go.wait();
    for h in hs { h.join().ok(); }
    let el = start.lock().unwrap().elapsed().as_secs_f64();
    let mut l = lat.lock().unwrap().clone();
    l.sort();
    let n = l.len();
    let mean: f64 = l.iter().map(|&x| x as f64).sum::<f64>() / n as f64;
    let mut cs: Vec<u64> = counts.lock().unwrap().iter().map(|x| x.1).collect();
    cs.sort();
    let sum: f64 = cs.iter().map(|&x| x as f64).sum();
    let sumsq: f64 = cs.iter().map(|&x| (x as f64) * (x as f64)).sum();
    let jain = sum * sum / (cs.len() as f64 * sumsq);
    // share of all answers that went to the busiest 10% of connections
    let top: u64 = cs[cs.len() * 9 / 10..].iter().sum();
    println!("rps {:.0} msgs {} p50_us {} p99_us {} mean_us {:.0} max_us {} errors {} conn_min {} conn_p10 {} conn_median {} conn_p90 {} conn_max {} top10_pct {:.1} jain {:.3}",
        n as f64 / el, n, l[n / 2], l[n * 99 / 100], mean, l[n - 1], errors.lock().unwrap(),
        cs[0], cs[cs.len() / 10], cs[cs.len() / 2], cs[cs.len() * 9 / 10], cs[cs.len() - 1], 100.0 * top as f64 / sum, jain);
}
