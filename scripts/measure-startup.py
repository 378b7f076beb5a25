#!/usr/bin/env python3
"""Start-up of `jrpcx call` through the launcher: median wall and CPU time of N runs each, before
(JRPCX_AOT=0: no cache, the default JIT and GC) and after (the AOT cache with a client JIT and GC), the two
alternating so that both meet the same load.

Usage: scripts/measure-startup.py URL [N]
A server must be listening at URL (for example ./jrpcx serve --tcp 127.0.0.1:8000 --warmup 0).
"""
import os, resource, statistics, subprocess, sys, time

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
url = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 10
variants = {"before (no cache)": "0", "after (AOT cache)": "1"}
results = {k: ([], [], []) for k in variants}
subprocess.run([os.path.join(root, "jrpcx"), "--version"], capture_output=True, check=True)   # build, make the cache
loads = []
for i in range(n):
    for name, aot in variants.items():
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.monotonic()
        p = subprocess.run([os.path.join(root, "jrpcx"), "call", url, "echo", "hi"], capture_output=True, text=True,
                           env={**os.environ, "JRPCX_AOT": aot})
        wall = time.monotonic() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if p.returncode != 0 or p.stdout.strip() != '"hi"':
            sys.exit(f"{name}: exit {p.returncode}: {p.stdout} {p.stderr}")
        results[name][0].append(wall)
        results[name][1].append((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
        results[name][2].append(after.ru_maxrss / 1024)
    loads.append(os.getloadavg()[0])
print(f"{n} runs each; load average {min(loads):.1f} to {max(loads):.1f} on {os.cpu_count()} cores")
for name, (walls, cpus, rss) in results.items():
    print(f"{name:18}  wall median {statistics.median(walls):.3f} s (min {min(walls):.3f})"
          f"  cpu median {statistics.median(cpus):.3f} s")
