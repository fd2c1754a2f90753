"""The peer of `visits-bench store`: the same workload on the Python `eventsourcing` library.

Pinned: eventsourcing==9.5.6 (PyPI), SQLite persistence (`eventsourcing.sqlite`), one aggregate
per visit, no snapshots, no aggregate cache. It is checked at start; a different version is refused
(exit 3), a missing one too (exit 2), so the figures always name what was measured.

The events are the very events of a `visits export` file (same types, same payloads, same count per
visit): each line becomes one aggregate event carrying its type and payload, and the aggregate folds
it into plain dictionaries (sites, appointments, attendees, tasks, notes...). Nothing is verified:
no hash chain, no schema check beyond what the library does.

Each phase is its own process, run by `visits-bench`, which measures its peak memory; the phase
times itself (the interpreter's and the library's start-up are left out, which favours the peer)
and prints one JSON object to standard output:

    peer.py write  DB EXPORT              all visits of EXPORT, one save (one transaction) per visit
    peer.py replay DB                     every aggregate rebuilt from its events
    peer.py list   DB                     every aggregate's id, title and dates, sorted by date
    peer.py get    DB VISIT RUNS          one aggregate rebuilt, RUNS times
    peer.py append DB VISIT RUNS          get + one more event + save, RUNS times
"""

import json
import os
import sys
import time
import uuid

PINNED = "9.5.6"


def check_version():
    try:
        from importlib.metadata import version, PackageNotFoundError

        found = version("eventsourcing")
    except PackageNotFoundError:
        print(
            f"peer: the Python package eventsourcing is missing: "
            f"python3 -m pip install eventsourcing=={PINNED}",
            file=sys.stderr,
        )
        sys.exit(2)
    if found != PINNED:
        print(
            f"peer: eventsourcing {found} is installed, the peer is pinned to {PINNED}: "
            f"python3 -m pip install eventsourcing=={PINNED}",
            file=sys.stderr,
        )
        sys.exit(3)


check_version()

from eventsourcing.application import Application  # noqa: E402
from eventsourcing.domain import Aggregate, event  # noqa: E402

NAMESPACE = uuid.UUID("6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d")


def visit_id(name):
    return uuid.uuid5(NAMESPACE, name)


# Which key of a payload names the thing an event is about, per area.
KEYS = (
    ("appointment", "appointments"),
    ("person", "attendees"),
    ("site", "sites"),
    ("task", "tasks"),
    ("mou", "mous"),
)


class Visit(Aggregate):
    """One visit: its header and the things its events name, folded into dictionaries."""

    @staticmethod
    def create_id(name, data):
        return visit_id(name)

    @event("VisitScheduled")
    def __init__(self, name, data):
        self.name = name
        self.header = dict(data)
        self.sites = {}
        self.appointments = {}
        self.attendees = {}
        self.tasks = {}
        self.mous = {}
        self.notes = []
        self.counts = {}

    @event("Happened")
    def happen(self, kind, data):
        self.counts[kind] = self.counts.get(kind, 0) + 1
        for key, area in KEYS:
            ident = data.get(key)
            if isinstance(ident, str):
                entry = getattr(self, area).setdefault(ident, {})
                entry.update(data)
                entry["last"] = kind
                return
        if "text" in data:
            self.notes.append(data["text"])
        else:
            self.header.update(data)


def application(db):
    return Application(
        env={
            "PERSISTENCE_MODULE": "eventsourcing.sqlite",
            "SQLITE_DBNAME": db,
        }
    )


def names(db):
    import sqlite3

    c = sqlite3.connect(db)
    try:
        rows = c.execute("SELECT DISTINCT originator_id FROM stored_events").fetchall()
    finally:
        c.close()
    return [uuid.UUID(r[0]) for r in rows]


def visits_in(export):
    """The export's visits one at a time: each visit's lines are contiguous in an export."""
    current, events = None, []
    with open(export, encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            if record["stream"] != current:
                if events:
                    yield current, events
                current, events = record["stream"], []
            events.append((record["type"], record["data"]))
    if events:
        yield current, events


def write(db, export):
    app = application(db)
    start = time.perf_counter()
    visits = count = 0
    for name, events in visits_in(export):
        (first_type, first_data), rest = events[0], events[1:]
        assert first_type == "VisitScheduled", first_type
        v = Visit(name, first_data)
        for kind, data in rest:
            v.happen(kind, data)
        app.save(v)
        visits += 1
        count += len(events)
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "visits": visits, "events": count}


def replay(db):
    app = application(db)
    ids = names(db)
    start = time.perf_counter()
    count = 0
    for i in ids:
        v = app.repository.get(i)
        count += v.version
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "visits": len(ids), "events": count}


def listing(db):
    app = application(db)
    start = time.perf_counter()
    rows = []
    for i in names(db):
        v = app.repository.get(i)
        rows.append((v.header.get("from", ""), v.name, v.header.get("title", "")))
    rows.sort()
    text = "\n".join(f"{n}  {f}  {t}" for f, n, t in rows)
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "visits": len(rows), "bytes": len(text)}


def get(db, name, runs):
    app = application(db)
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        v = app.repository.get(visit_id(name))
        agenda = sorted(
            (a.get("start", ""), a.get("title", ""))
            for a in v.appointments.values()
            if a.get("last") != "AppointmentCancelled"
        )
        times.append(time.perf_counter() - t)
    return {"times": times, "events": v.version, "appointments": len(agenda)}


def append(db, name, runs):
    app = application(db)
    times = []
    for n in range(runs):
        t = time.perf_counter()
        v = app.repository.get(visit_id(name))
        v.happen("NoteAdded", {"text": f"bench note {n}", "internal": False})
        app.save(v)
        times.append(time.perf_counter() - t)
    return {"times": times, "events": v.version}


def main(argv):
    if len(argv) >= 1 and argv[0] == "version":
        result = {"eventsourcing": PINNED, "python": sys.version.split()[0]}
    elif len(argv) == 3 and argv[0] == "write":
        result = write(argv[1], argv[2])
    elif len(argv) == 2 and argv[0] == "replay":
        result = replay(argv[1])
    elif len(argv) == 2 and argv[0] == "list":
        result = listing(argv[1])
    elif len(argv) == 4 and argv[0] == "get":
        result = get(argv[1], argv[2], int(argv[3]))
    elif len(argv) == 4 and argv[0] == "append":
        result = append(argv[1], argv[2], int(argv[3]))
    else:
        print(__doc__, file=sys.stderr)
        return 64
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
