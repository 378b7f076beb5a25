#!/usr/bin/python3
"""Turns the raw.txt of a compare.sh run into markdown: medians over the rounds per server and shape,
the ratios issue 8 names (each the median of its per-round ratios, so that both sides of a ratio come
from the same round), and every run's own figures in a collapsed detail.

    /usr/bin/python3 jrpcx-benchmarks/scripts/compare-report.py jrpcx-benchmarks/target/compare/DATE/raw.txt
"""

import statistics
import sys

SERVERS = ['lineecho', 'jrpcx', 'jrpcx-base', 'jsonrpc4j', 'aiorpcx']
LABELS = {'lineecho': 'raw line echo (Rust, no JSON)', 'jrpcx': 'jrpcx `serve`',
          'jrpcx-base': 'jrpcx `serve`, base commit (JRPCX_BASE_JAR)',
          'jsonrpc4j': 'jsonrpc4j line loop', 'aiorpcx': 'aiorpcX (Python)'}
CLOSED = {'4x16': '4 connections × 16 in flight', '1x1': '1 × 1', '1000x1': '1000 × 1',
          '4x16b100': '4 × 16, batches of 100'}
RATED = {'rate2000': '2,000 requests/s', 'rate10000': '10,000 requests/s'}
FAIR = {'fair1000x1': '1000 × 1, every connection open first'}
BATCH = {'4x16b100': 100}

# (label, metric, numerator, denominator, shape, goal) with goal (op, value) or None
RATIOS = [
    ('server CPU per request, jrpcx ÷ line echo, 4×16', 'cpu', 'jrpcx', 'lineecho', '4x16', ('<=', 1.1)),
    ('server CPU per request, jsonrpc4j ÷ line echo, 4×16 (the issue saw 1.2–1.5)', 'cpu', 'jsonrpc4j',
     'lineecho', '4x16', None),
    ('server CPU per request, jrpcx ÷ jsonrpc4j, 4×16', 'cpu', 'jrpcx', 'jsonrpc4j', '4x16', ('<', 1.0)),
    ('p99, jrpcx ÷ line echo, 4×16', 'p99', 'jrpcx', 'lineecho', '4x16', ('<=', 1.5)),
    ('p50, jrpcx ÷ jsonrpc4j, 1000×1', 'p50', 'jrpcx', 'jsonrpc4j', '1000x1', ('<=', 1.2)),
    ('p50, jrpcx ÷ jsonrpc4j, 1000×1 with every connection open first (fairgen)', 'p50', 'jrpcx', 'jsonrpc4j',
     'fair1000x1', None),
    ('mean latency, jrpcx ÷ jsonrpc4j, 1000×1 (fairgen)', 'mean', 'jrpcx', 'jsonrpc4j', 'fair1000x1', None),
    ("answers to the median connection, jrpcx ÷ jsonrpc4j, 1000×1 (fairgen)", 'conn_median', 'jrpcx',
     'jsonrpc4j', 'fair1000x1', None),
    ('batch members/s, jrpcx ÷ jsonrpc4j, batches of 100', 'rps', 'jrpcx', 'jsonrpc4j', '4x16b100', ('>=', 1.5)),
    ('rps, jrpcx ÷ line echo, 4×16', 'rps', 'jrpcx', 'lineecho', '4x16', ('>=', 0.40)),
    ('rps, jrpcx ÷ line echo, 1×1', 'rps', 'jrpcx', 'lineecho', '1x1', ('>=', 0.60)),
    ('rps, jrpcx ÷ line echo, 1000×1', 'rps', 'jrpcx', 'lineecho', '1000x1', ('>=', 0.40)),
    ('rps, jrpcx ÷ line echo, batches of 100', 'rps', 'jrpcx', 'lineecho', '4x16b100', None),
    ('rps, jrpcx ÷ aiorpcX, 4×16', 'rps', 'jrpcx', 'aiorpcx', '4x16', ('>=', 20.0)),
    ('open-loop p99, jrpcx ÷ jsonrpc4j, 2,000/s (the issue saw 1.6)', 'p99', 'jrpcx', 'jsonrpc4j', 'rate2000', None),
    ('open-loop p99, jrpcx ÷ jsonrpc4j, 10,000/s', 'p99', 'jrpcx', 'jsonrpc4j', 'rate10000', None),
    ('open-loop p99, jrpcx ÷ line echo, 10,000/s', 'p99', 'jrpcx', 'lineecho', 'rate10000', None),
    ('server CPU per request, jrpcx ÷ base commit, 4×16', 'cpu', 'jrpcx', 'jrpcx-base', '4x16', None),
    ('server CPU per request, jrpcx ÷ base commit, 1000×1', 'cpu', 'jrpcx', 'jrpcx-base', '1000x1', None),
    ('server CPU per request, jrpcx ÷ base commit, batches of 100', 'cpu', 'jrpcx', 'jrpcx-base', '4x16b100', None),
    ('p50, jrpcx ÷ base commit, 1000×1', 'p50', 'jrpcx', 'jrpcx-base', '1000x1', None),
    ('batch members/s, jrpcx ÷ base commit, batches of 100', 'rps', 'jrpcx', 'jrpcx-base', '4x16b100', None),
    ('batch members/s, base commit ÷ jsonrpc4j, batches of 100', 'rps', 'jrpcx-base', 'jsonrpc4j', '4x16b100', None),
    ('p50, base commit ÷ jsonrpc4j, 1000×1', 'p50', 'jrpcx-base', 'jsonrpc4j', '1000x1', None),
]


def pairs(words):
    return {words[i]: words[i + 1] for i in range(0, len(words) - 1, 2)}


def parse(path):
    meta, runs, failed = {}, [], {}
    with open(path, encoding='utf-8') as f:
        for line in f:
            words = line.split()
            if not words:
                continue
            if words[0] == 'meta':
                if words[1] == 'round':
                    meta.setdefault('loadavg', {})[words[2]] = words[4].replace('/', ' ')
                elif words[1] == 'command':
                    meta['command'] = ' '.join(words[2:])
                else:
                    meta.update(pairs(words[1:]))
            elif words[0] == 'server':
                failed[words[1]] = ' '.join(words[5:]).replace('_', ' ')
            elif words[0] == 'round':
                runs.append(pairs(words))
    return meta, runs, failed


def figures(run, tck):
    """The figures of one successful run, or None."""
    if 'status' in run:
        return None
    rated = run['shape'] in RATED
    if rated:
        requests = int(run['recv'])
        rps = float(run['rate_done'])
    else:
        requests = int(run['msgs']) * BATCH.get(run['shape'], 1)
        rps = float(run['rps'])
    wall = int(run['wall_ms']) / 1000 * tck
    server = int(run['server_ticks'])
    client = int(run['client_ticks'])
    others = max(0, int(run['machine_busy_ticks']) - server - client)
    return {
        'rps': rps, 'requests': requests,
        'p50': int(run['p50_us']), 'p99': int(run['p99_us']), 'p999': int(run.get('p999_us', 0)),
        'errors': int(run['errors']), 'late': int(run.get('late_sends', 0)),
        'cpu': server * 1e6 / tck / requests if requests else float('nan'),
        'server_cores': server / wall if wall else 0, 'client_cores': client / wall if wall else 0,
        'other_cores': others / wall if wall else 0,
        'calm_wait': int(run.get('calm_wait_ms', 0)) / 1000, 'busy_before': float(run.get('busy_before', 'nan')),
        # fairgen's spread of the answers over the connections (absent from the other tools' runs)
        'mean': float(run.get('mean_us', 'nan')), 'jain': float(run.get('jain', 'nan')),
        'conn_min': int(run.get('conn_min', 0)), 'conn_median': int(run.get('conn_median', 0)),
        'conn_max': int(run.get('conn_max', 0)), 'top10': float(run.get('top10_pct', 'nan')),
    }


def num(x):
    return f'{x:,.0f}'


def ratio(x):
    return f'{x:.1f}×' if x >= 10 else f'{x:.2f}'


def met(value, goal):
    op, bound = goal
    ok = {'<=': value <= bound, '<': value < bound, '>=': value >= bound}[op]
    return '**met**' if ok else 'not met'


def main(path):
    meta, runs, failed = parse(path)
    tck = int(meta.get('clk_tck', 100))
    by = {}  # (server, shape) -> {round: figures}
    missing = False
    for run in runs:
        fig = figures(run, tck)
        if fig is None:
            missing = True
            continue
        by.setdefault((run['server'], run['shape']), {})[run['round']] = fig
    servers = [s for s in SERVERS if any(k[0] == s for k in by)]

    def med(server, shape, key):
        rounds = by.get((server, shape), {})
        return statistics.median(f[key] for f in rounds.values()) if rounds else None

    p = print
    started = meta.get('started', '?').replace('T', ' ').replace('Z', ' UTC')
    versions = [f"jrpcx {meta.get('jrpcx_commit', '?')}"]
    if 'java' in meta:
        versions += [f"jsonrpc4j {meta.get('jsonrpc4j', '?')}", meta['java'].replace('_', ' ')]
    if 'aiorpcx' in meta:
        versions.append(f"aiorpcX {meta['aiorpcx']}")
    p(f"Run of {started} ({', '.join(versions)}), {meta.get('rounds', '?')} interleaved round(s) of "
      f"{meta.get('secs', '?')} s per run, {meta.get('cpus', '?')} CPUs shared by servers and load generators:")
    p()
    p('```sh')
    p(meta.get('command', 'jrpcx-benchmarks/scripts/compare.sh'))
    p('```')
    p()
    for name, why in failed.items():
        p(f'- **{name} failed to start** ({why}): no figures for it.')
    down = {}
    for run in runs:
        if run.get('status') == 'down':
            down.setdefault(run['server'], []).append(f"{run['round']}/{run['shape']}")
        elif 'status' in run:
            p(f"- **{run['server']} {run['status'].replace('_', ' ')}** in round {run['round']}, {run['shape']}")
    for name, where in down.items():
        p(f"- {name} was down for {len(where)} run(s) (round/shape: {', '.join(where)})")
    if failed or missing:
        p()

    p('Closed loop (loadgen; medians over the rounds; rps counts batch members; latency from each message '
      'sent to its response, per batch for batches; server CPU is utime + stime of the server process over '
      'the run divided by the requests answered, batch members counted):')
    p()
    p('| shape | server | rps | p50 / p99 µs | server CPU µs per request | errors |')
    p('|---|---|---|---|---|---|')
    for shape, shape_label in CLOSED.items():
        for s in servers:
            rounds = by.get((s, shape))
            if not rounds:
                p(f'| {shape_label} | {LABELS[s]} | — | — | — | no run |')
                continue
            errors = sum(f['errors'] for f in rounds.values())
            p(f"| {shape_label} | {LABELS[s]} | {num(med(s, shape, 'rps'))} | "
              f"{num(med(s, shape, 'p50'))} / {num(med(s, shape, 'p99'))} | {med(s, shape, 'cpu'):.2f} | {errors} |")
    p()

    if any(k[1] in FAIR for k in by):
        p('Fairness at 1000 × 1 (fairgen: loadgen\'s closed loop, one request in flight per connection, every '
          'connection open before the clock starts; by Little\'s law the mean latency is connections ÷ rate for '
          'any server, so a median far below the mean means a minority of connections answered over and over '
          'while the rest wait; Jain\'s index is 1 when every connection is answered equally often; medians over '
          'the rounds):')
        p()
        p('| server | rps | p50 / p99 µs | mean µs | answers per connection: min / median / max '
          '| busiest 10% got | Jain\'s index | errors |')
        p('|---|---|---|---|---|---|---|---|')
        for shape in FAIR:
            for s in servers:
                rounds = by.get((s, shape))
                if not rounds:
                    p(f'| {LABELS[s]} | — | — | — | — | — | — | no run |')
                    continue
                errors = sum(f['errors'] for f in rounds.values())
                p(f"| {LABELS[s]} | {num(med(s, shape, 'rps'))} | {num(med(s, shape, 'p50'))} / "
                  f"{num(med(s, shape, 'p99'))} | {num(med(s, shape, 'mean'))} | {num(med(s, shape, 'conn_min'))} / "
                  f"{num(med(s, shape, 'conn_median'))} / {num(med(s, shape, 'conn_max'))} | "
                  f"{med(s, shape, 'top10'):.1f}% | {med(s, shape, 'jain'):.2f} | {errors} |")
        p()

    if any(k[1] in RATED for k in by):
        p('Open loop (ratedgen; 64 connections, requests sent at a fixed rate whatever the responses do, '
          'latency from each send to its response; medians over the rounds):')
        p()
        p('| offered rate | server | answered per s | p50 / p99 / p99.9 µs | server CPU µs per request '
          '| errors | late sends |')
        p('|---|---|---|---|---|---|---|')
        for shape, shape_label in RATED.items():
            for s in servers:
                rounds = by.get((s, shape))
                if not rounds:
                    p(f'| {shape_label} | {LABELS[s]} | — | — | — | no run | — |')
                    continue
                errors = sum(f['errors'] for f in rounds.values())
                late = sum(f['late'] for f in rounds.values())
                p(f"| {shape_label} | {LABELS[s]} | {num(med(s, shape, 'rps'))} | "
                  f"{num(med(s, shape, 'p50'))} / {num(med(s, shape, 'p99'))} / {num(med(s, shape, 'p999'))} | "
                  f"{med(s, shape, 'cpu'):.2f} | {errors} | {num(late)} |")
        p()

    p('Ratios of issue 8 (each the median of the per-round ratios; both sides of a ratio from the same round):')
    p()
    p('| ratio | median | per round | goal |')
    p('|---|---|---|---|')
    for label, key, num_s, den_s, shape, goal in RATIOS:
        a, b = by.get((num_s, shape), {}), by.get((den_s, shape), {})
        per = [a[r][key] / b[r][key] for r in sorted(a, key=int) if r in b and b[r][key]]
        if not per:
            if num_s in servers and den_s in servers:
                p(f'| {label} | n/a | | {goal[0] + " " + str(goal[1]) if goal else ""} |')
            continue
        value = statistics.median(per)
        goal_text = f"{goal[0].replace('<=', '≤').replace('>=', '≥')} {goal[1]:g}: {met(value, goal)}" if goal else ''
        p(f"| {label} | **{ratio(value)}** | {', '.join(ratio(x) for x in per)} | {goal_text} |")
    p()

    others = [f['other_cores'] for rounds in by.values() for f in rounds.values()]
    clients = [f['client_cores'] for rounds in by.values() for f in rounds.values()]
    if others:
        loads = '; '.join(f'round {r}: {v}' for r, v in sorted(meta.get('loadavg', {}).items()))
        p(f'Load from outside the measurement: during a run, processes other than the server under test and '
          f'the load generator used a median of {statistics.median(others):.2f} cores (max '
          f'{max(others):.2f}); the load generator itself used a median of {statistics.median(clients):.2f}. '
          f'Load average at the start of each round: {loads}.')
        waits = [f for rounds in by.values() for f in rounds.values() if f['busy_before'] == f['busy_before']]
        if waits:
            limit = float(meta.get('calm_max', 30))
            p(f"With `--calm`, runs waited a median of {statistics.median(f['calm_wait'] for f in waits):.1f} s "
              f"for a quiet machine; {sum(f['calm_wait'] >= limit for f in waits)} of {len(waits)} gave up after "
              f"{limit:g} s; the machine was using a median of {statistics.median(f['busy_before'] for f in waits):.2f} "
              'cores just before a run.')
        p()

    p('<details><summary>Every run (round by round)</summary>')
    p()
    p('| round | shape | server | rps | p50 / p99 µs | server CPU µs/request | server / client / other cores '
      '| errors |')
    p('|---|---|---|---|---|---|---|---|')
    for run in runs:
        fig = figures(run, tck)
        shape = run['shape']
        if fig is None:
            p(f"| {run['round']} | {shape} | {run['server']} | {run['status'].replace('_', ' ')} | | | | |")
            continue
        p(f"| {run['round']} | {shape} | {run['server']} | {num(fig['rps'])} | {num(fig['p50'])} / "
          f"{num(fig['p99'])} | {fig['cpu']:.2f} | {fig['server_cores']:.2f} / {fig['client_cores']:.2f} / "
          f"{fig['other_cores']:.2f} | {fig['errors']} |")
    p()
    p('</details>')


if __name__ == '__main__':
    if len(sys.argv) != 2:
        sys.exit('usage: compare-report.py RAW_TXT')
    main(sys.argv[1])
