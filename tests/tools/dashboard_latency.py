"""dashboard_latency.py - upload-to-dashboard latency, for `make bench`
(tests/bench/bench_dashboard.sh): a kiosk POSTs a batch of one check-in to a real hub, and the
clock runs until the dashboard page, open in headless Chromium, shows the new onsite count. The
page's own clock stamps it (so polling the page adds nothing): a MutationObserver sees the count
change and the stamp is taken in the next animation frame, once the whole page has been redrawn
and the frame that shows it begins. Prints p50, p99 and the maximum over the pushes.

    dashboard_latency.py --hub URL --db HUB.db --token lyr_... --codes C1,C2,C3,C4 [--pushes N]
"""
import argparse
import os
import random
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cdp  # noqa: E402
import hubkit  # noqa: E402

WATCH = """(function () {
  window.__seen = {};
  var e = document.getElementById('onsite');
  new MutationObserver(function () {
    var v = e.textContent.replace(/,/g, '');
    if (v in window.__seen) return;
    window.__seen[v] = 0;
    requestAnimationFrame(function () {
      window.__seen[v] = performance.timeOrigin + performance.now();
    });
  }).observe(e, {childList: true, characterData: true, subtree: true});
  return true;
})()"""


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--hub", required=True)
    ap.add_argument("--db", required=True)
    ap.add_argument("--token", required=True)
    ap.add_argument("--codes", required=True)
    ap.add_argument("--pushes", type=int, default=40)
    a = ap.parse_args()
    kiosks = [hubkit.Kiosk(a.hub, c, f"bench {i}") for i, c in enumerate(a.codes.split(","))]
    ev = hubkit.Event(a.db)
    unused = hubkit.seed(a.hub, ev, kiosks)
    regs = len(ev.onsite)
    try:
        browser = cdp.Browser()
    except cdp.CDPError as e:
        print(f"upload to dashboard: skipped, chromium cannot start ({e})")
        return 0
    lat, post = [], []
    with browser:
        p = browser.page(1920, 1080)
        p.goto(f"{a.hub}/dashboard/#token={a.token}")
        if not p.wait("document.getElementById('status').textContent === 'Live'", 15):
            print("dashboard_latency: the page did not go live", file=sys.stderr)
            return 1
        p.eval(WATCH)
        onsite = int(p.eval("document.getElementById('onsite').textContent").replace(",", ""))
        rng = random.Random(7)
        for i in range(min(a.pushes, len(unused))):
            time.sleep(rng.uniform(0.3, 0.6))  # a door's pace; above the stream's 250 ms coalescing
            k = kiosks[i % 2]
            item = k.item(unused.pop(), hubkit.now_ms())
            t0 = time.time()
            res = k.push([item])
            post.append((time.time() - t0) * 1000)
            onsite += 1
            seen = p.wait(f"window.__seen['{onsite}']", 10, 0.005)
            if res != ["stored"] or not seen:
                shown = p.eval("document.getElementById('onsite').textContent")
                print(f"dashboard_latency: push {i}: {res}, the page shows {shown}", file=sys.stderr)
                return 1
            lat.append(seen - t0 * 1000)
    print(f"upload to dashboard (a kiosk's batch POSTed until the dashboard in headless Chromium "
          f"draws the new onsite count; {regs} onsite participants registered): p50 {pct(lat, 50):.0f} ms, "
          f"p99 {pct(lat, 99):.0f} ms, max {max(lat):.0f} ms over {len(lat)} pushes "
          f"(the POST itself: p50 {pct(post, 50):.1f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
