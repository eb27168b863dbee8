"""dashboard_check.py - the dashboard in real headless Chromium, against a real hub that
tests/integration/t_dashboard.sh started. Prints one TAP-style line per check (ok / not ok /
skip) and exits 1 when one failed.

    dashboard_check.py --hub URL --db HUB.db --token lyr_... --codes C1,C2,C3,C4
                       --shots DIR --hub-stop CMD --hub-start CMD

It enrolls four kiosks with the codes and seeds a morning of check-ins (hubkit.seed), then
opens /dashboard/ at a projector's size and a phone's, and checks: the token leaves the address
bar, the totals, rooms, kiosks, breakdowns and timeline match /api/v1/counts, the page fits a
projector without scrolling and a phone in one column, the Content-Security-Policy holds and
nothing fails in the console, a check-in pushed after the page loaded shows up without reload,
and the page says "reconnecting" while the hub is away and comes back live on its own.
"""
import argparse
import json
import os
import sqlite3
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cdp  # noqa: E402
import hubkit  # noqa: E402

failed = 0


def ok(name):
    print(f"ok - {name}", flush=True)


def not_ok(name, detail=""):
    global failed
    failed += 1
    print(f"not ok - {name}", flush=True)
    if detail:
        print("    " + str(detail)[:600], file=sys.stderr, flush=True)


def check(name, cond, detail=""):
    if cond:
        ok(name)
    else:
        not_ok(name, detail)
    return cond


def text(page, id_):
    return page.eval(f"(document.getElementById({json.dumps(id_)}) || {{}}).textContent || ''")


def number(page, id_):
    t = text(page, id_).replace(",", "")
    return int(t) if t.isdigit() else None


# Set before the page's own script: a record of Content-Security-Policy violations.
CSP_WATCH = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__csp.push(e.violatedDirective + ' ' + e.blockedURI);
});
"""

ROWS = """(function (id) {
  return Array.prototype.map.call(document.querySelectorAll('#' + id + ' > li.row'), function (li) {
    var m = li.querySelector('.mark');
    return {cls: li.className, name: (li.querySelector('.name') || {}).textContent,
            ratio: li.dataset.ratio ? parseFloat(li.dataset.ratio) : null,
            mark: m ? m.textContent : '', fig: (li.querySelector('.fig') || {}).textContent,
            badge: (li.querySelector('.badge') || {}).textContent};
  });
})"""


def rows(page, id_):
    return page.eval(f"{ROWS}({json.dumps(id_)})")


def shot(page, folder, name, full_page=False):
    """A screenshot for a person to look at, checked to be a PNG of some substance."""
    path = os.path.join(folder, name)
    page.screenshot(path, full_page)
    with open(path, "rb") as f:
        head = f.read(8)
    check(f"screenshot: build/test-logs/{name}",
          head == b"\x89PNG\r\n\x1a\n" and os.path.getsize(path) > 20000, os.path.getsize(path))


def push_one(kiosk, attendee):
    t = time.time()
    res = kiosk.push([kiosk.item(attendee, hubkit.now_ms())])
    return res, t


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--hub", required=True)
    ap.add_argument("--db", required=True)
    ap.add_argument("--token", required=True)
    ap.add_argument("--codes", required=True)
    ap.add_argument("--shots", required=True)
    ap.add_argument("--hub-stop", required=True)
    ap.add_argument("--hub-start", required=True)
    a = ap.parse_args()
    hub, rt = a.hub, a.token
    url = f"{hub}/dashboard/#token={rt}"

    codes = a.codes.split(",")
    names = ["North door 1", "South door", "Room doors", "Spare desk"]
    kiosks = [hubkit.Kiosk(hub, c, n) for c, n in zip(codes, names)]
    ev = hubkit.Event(a.db)
    unused = hubkit.seed(hub, ev, kiosks)
    north = kiosks[0]
    # one kiosk not heard from for 20 minutes, one for 2
    db = sqlite3.connect(a.db, timeout=10)
    db.execute("UPDATE kiosks SET last_contact_ms = ? WHERE name = 'Spare desk'",
               (hubkit.now_ms() - 20 * 60000,))
    db.execute("UPDATE kiosks SET last_contact_ms = ? WHERE name = 'Room doors'",
               (hubkit.now_ms() - 2 * 60000,))
    db.commit()
    db.close()
    time.sleep(2.2)  # past the hub's counts cache (LY_HUB_COUNTS_MAX_AGE_MS)
    c = hubkit.counts(hub, rt)
    check("seeded: rooms and sessions at and over capacity, kiosks with denials",
          c["onsite_unique"] > 300 and any(p["inside"] > p["capacity"] > 0 for p in c["places"]),
          json.dumps(c)[:300])

    try:
        browser = cdp.Browser()
    except cdp.CDPError as e:
        print(f"skip - chromium cannot start here: {e}")
        return 0
    with browser:
        p = browser.page(1920, 1080)
        p.before_load(CSP_WATCH)
        t0 = time.time()
        p.goto(url)
        live = p.wait("document.getElementById('status').className.indexOf('live') >= 0", 10)
        check(f"the page goes live ({time.time() - t0:.1f} s)", live, text(p, "status"))
        check("the status says Live", text(p, "status") == "Live", text(p, "status"))
        href = p.eval("location.href")
        check("the token leaves the address bar", "token" not in href and href.endswith("/dashboard/"), href)
        check("the tab keeps the token", p.eval("sessionStorage.getItem('lanyard.dashboard.token')") == rt)
        # labels.json has come when a stakeholder id shows as its label
        p.wait("!/_/.test(document.getElementById('by-stakeholder').textContent)", 5)

        c = hubkit.counts(hub, rt)
        today = next((d["onsite_unique"] for d in c["days"] if d["day"] == c["today"]), 0)
        got = tuple(number(p, i) for i in ("onsite-today", "onsite", "inside", "countries"))
        check(f"totals as the counts say: {got}",
              got == (today, c["onsite_unique"], c["inside_now"], c["countries"]),
              f"page {got}, counts {(today, c['onsite_unique'], c['inside_now'], c['countries'])}")
        check("the event's name is the title", text(p, "event") == c["event"], text(p, "event"))

        r = rows(p, "rooms")
        ratios = [x["ratio"] for x in r]
        check(f"rooms sorted fullest first ({len(r)} shown)",
              len(r) >= 3 and ratios == sorted(ratios, reverse=True), r)
        check("the first room is over capacity and says so in words",
              r and r[0]["name"] == "Bilateral Meeting Room" and r[0]["mark"].startswith("OVER")
              and "full" in r[0]["cls"], r[:1])
        check("a full room says FULL", any(x["mark"] == "FULL 100%" for x in r), [x["mark"] for x in r])
        near = [x for x in r if 0.9 <= x["ratio"] < 1]
        check("a room at 90 % or more says NEARLY FULL",
              near and all(x["mark"].startswith("NEARLY FULL") and "near" in x["cls"] for x in near), near)
        check("rooms under 90 % carry no mark", all(x["mark"] == "" for x in r if x["ratio"] < 0.9), r)
        want = {pl["name"]: f"{pl['inside']} / {pl['capacity']}" for pl in c["places"]}
        check("room numbers are inside / capacity",
              all(x["fig"] == want.get(x["name"]) for x in r), [(x["name"], x["fig"]) for x in r])
        s = rows(p, "sessions")
        check(f"sessions now, fullest first ({len(s)} shown)",
              s and [x["ratio"] for x in s] == sorted([x["ratio"] for x in s], reverse=True)
              and s[0]["mark"].startswith("NEARLY FULL"), s[:2])

        k = rows(p, "kiosks")
        check("a kiosk not heard from for 20 minutes comes first and says Offline",
              k and k[0]["name"] == "Spare desk" and "offline" in k[0]["cls"] and k[0]["badge"] == "Offline"
              and k[0]["fig"] == "20 min ago", k[:1])
        check("a kiosk 2 minutes late says Late",
              any(x["name"] == "Room doors" and "late" in x["cls"] and x["badge"] == "Late" for x in k), k)
        check("online kiosks say Online", sum(1 for x in k if x["badge"] == "Online") == 2, k)
        check("the kiosks' summary", text(p, "kiosks-summary") == "2 online · 1 late · 1 offline",
              text(p, "kiosks-summary"))
        north_row = p.eval("document.querySelector('#kiosks li.kiosk:not(.offline):not(.late) .sub').textContent")
        kc = next(x for x in c["kiosks"] if x["name"] == "North door 1")
        check("kiosk health: queue, scans, grants, denials by reason",
              f"{kc['scans']} scans · {kc['granted']} granted · 14 denied (unknown code 9" in north_row
              and north_row.startswith("queue 0"), north_row)

        labels = json.loads(subprocess.run(["curl", "-s", f"{hub}/dashboard/labels.json"],
                                           capture_output=True, text=True).stdout)
        first = c["by_stakeholder"][0]
        g = p.eval("[document.querySelector('#by-stakeholder .name').textContent,"
                   " document.querySelector('#by-stakeholder .fig').textContent]")
        check(f"breakdown by stakeholder group, labelled: {g}",
              g == [labels["stakeholder"][first["stakeholder"]], str(first["n"])], (g, first))
        country = c["by_country"][0]
        g = p.eval("document.querySelector('#by-country .name').textContent")
        check(f"countries by name: {g}", g == labels["country"][country["country"]], (g, country))
        g = p.eval("Array.prototype.map.call(document.querySelectorAll('#by-country li.row'),"
                   " function (li) { return [li.querySelector('.name').textContent,"
                   " li.querySelector('.fig').textContent]; })")
        zz = [str(x["n"]) for x in c["by_country"] if x["country"] == "ZZ"]
        check(f"those who did not state a country: a line \"Not stated\" ({zz})",
              zz and ["Not stated", zz[0]] in g, g)
        check("regions and session types are listed",
              p.eval("document.querySelectorAll('#by-region li.row').length") >= 3
              and p.eval("document.querySelectorAll('#by-type li.row').length") >= 2)
        bars = p.eval("Array.prototype.map.call(document.querySelectorAll('#timeline rect.bar'),"
                      " function (r) { return [parseFloat(r.getAttribute('height')), r.textContent]; })")
        peak = max(t["entries"] for t in c["timeline"])
        check(f"timeline: an inline SVG of {len(bars)} intervals, the peak the tallest",
              len(bars) >= 16 and max(bars)[1].endswith(f" {peak} entries"), bars[:3])

        dims = p.eval("[document.documentElement.scrollWidth, document.documentElement.scrollHeight,"
                      " innerWidth, innerHeight, parseFloat(getComputedStyle("
                      "document.getElementById('onsite')).fontSize)]")
        check(f"a projector (1920x1080) sees it all without scrolling {dims[:2]}",
              dims[0] <= dims[2] and dims[1] <= dims[3], dims)
        check(f"large numbers on a projector ({dims[4]:.0f} px)", dims[4] >= 64, dims)
        page_text = p.eval("document.body.innerText")
        check("no attendee names in the page", not any(n and n in page_text for n in ev.names))
        shot(p, a.shots, "dashboard-projector.png")
        p.resize(1280, 720)
        time.sleep(0.3)
        dims = p.eval("[document.documentElement.scrollWidth, document.documentElement.scrollHeight,"
                      " innerWidth, innerHeight, document.querySelectorAll('#rooms li.row').length]")
        check(f"a 1280x720 projector too {dims[:2]}, {dims[4]} rooms shown",
              dims[0] <= dims[2] and dims[1] <= dims[3] and dims[4] >= 3, dims)
        p.resize(1920, 1080)
        time.sleep(0.3)

        check("no console errors, exceptions or policy violations", not p.errors(), p.errors())
        # the policy holds: an injected inline script does not run
        p.eval("(function () { var s = document.createElement('script');"
               " s.textContent = 'window.__inline = 1'; document.body.appendChild(s); })()")
        p.b.pump(0.3)
        check("Content-Security-Policy: an inline script is refused",
              p.eval("window.__inline === undefined && window.__csp.length === 1"), p.eval("window.__csp"))

        # live: a check-in pushed now shows up without a reload
        p.eval("window.__same = 'this page'")
        before = [number(p, i) for i in ("onsite", "onsite-today", "inside")]
        res, t = push_one(north, unused.pop())
        seen = p.wait(f"document.getElementById('onsite').textContent.replace(/,/g, '') === '{before[0] + 1}'", 5, 0.01)
        lag = time.time() - t
        check(f"a check-in pushed after load shows up live ({lag * 1000:.0f} ms)", res == ["stored"] and seen,
              (res, before, text(p, "onsite")))
        after = [number(p, i) for i in ("onsite", "onsite-today", "inside")]
        check("onsite today and inside move with it", after == [x + 1 for x in before], (before, after))
        check("without a reload", p.eval("window.__same") == "this page")
        grants = f"{kc['scans'] + 1} scans · {kc['granted'] + 1} granted"
        check("the kiosk's scans and grants move too",
              p.wait(f"document.getElementById('kiosks').textContent.indexOf({json.dumps(grants)}) >= 0", 2),
              text(p, "kiosks"))

        # a phone: one column, no sideways scrolling
        m = browser.page(390, 844, scale=2, mobile=True)
        m.goto(url)
        check("a phone goes live", m.wait("document.getElementById('status').className.indexOf('live') >= 0", 10))
        time.sleep(0.3)
        dims = m.eval("[document.documentElement.scrollWidth, innerWidth]")
        check(f"a phone needs no sideways scrolling {dims}", dims[0] <= dims[1], dims)
        lefts = m.eval("Array.prototype.map.call(document.querySelectorAll('main > section'),"
                       " function (e) { return Math.round(e.getBoundingClientRect().left); })")
        check("a phone shows one column", len(set(lefts)) == 1 and len(lefts) == 6, lefts)
        fs = m.eval("parseFloat(getComputedStyle(document.querySelector('#rooms .name')).fontSize)")
        check(f"a phone's text is readable ({fs:.0f} px)", fs >= 15, fs)
        shot(m, a.shots, "dashboard-phone.png", full_page=True)
        check("no errors on the phone", not m.errors(), m.errors())

        # the hub goes away and comes back: the page says so and reconnects by itself
        subprocess.run(a.hub_stop, shell=True, check=True)
        gone = p.wait("document.getElementById('status').textContent === 'Reconnecting…'", 8)
        check("the hub stopped: the page says Reconnecting…", gone, text(p, "status"))
        check("and when it last heard", text(p, "updated").startswith("last update "), text(p, "updated"))
        shot(p, a.shots, "dashboard-reconnecting.png")
        time.sleep(2)
        subprocess.run(a.hub_start, shell=True, check=True)
        t = time.time()
        back = p.wait("document.getElementById('status').textContent === 'Live'", 30)
        check(f"the hub is back: live again by itself ({time.time() - t:.1f} s)", back, text(p, "status"))
        before = number(p, "onsite")
        res, t = push_one(north, unused.pop())
        seen = p.wait(f"document.getElementById('onsite').textContent.replace(/,/g, '') === '{before + 1}'", 5, 0.01)
        check(f"and shows a new check-in live ({(time.time() - t) * 1000:.0f} ms)", seen,
              (before, text(p, "onsite")))
        check("still the same page", p.eval("window.__same") == "this page")
        exc = [e for e in p.errors() if e.startswith("exception")]
        check("no exceptions while the hub was away", not exc, exc)

        # a reload keeps the token; a tab without one, or with a wrong one, says so
        p.reload()
        check("a reload stays live with the kept token",
              p.wait("document.getElementById('status').textContent === 'Live'", 10), text(p, "status"))
        n = browser.page(1280, 720)
        n.goto(f"{hub}/dashboard/")
        check("a tab without a token says so",
              text(n, "status") == "No token" and "read-token" in text(n, "notice")
              and not n.eval("document.getElementById('notice').hidden"), text(n, "status"))
        n.goto(f"{hub}/dashboard/#token=lyr_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
        check("a wrong token: Token refused",
              n.wait("document.getElementById('status').textContent === 'Token refused'", 10), text(n, "status"))
        # the token revoked (what `lanyard read-token --revoke` writes): refused at the page's
        # next connection
        db = sqlite3.connect(a.db, timeout=10)
        db.execute("UPDATE read_tokens SET revoked_ms = ? WHERE revoked_ms IS NULL", (hubkit.now_ms(),))
        db.commit()
        db.close()
        p.reload()
        check("a revoked token: Token refused",
              p.wait("document.getElementById('status').textContent === 'Token refused'", 10), text(p, "status"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
