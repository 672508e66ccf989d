"""Benchmarks of the article's PowerClerk class, imported unchanged from ../shared/reference
(ARTICLE_CLIENT_DIR). Prints one JSON object. Used by `clerkdesk-bench`.

    article_bench.py gets N          N sequential GETs with one instance
    article_bench.py calls N K       N GETs split over K instances (threads) on the same key
"""
import json
import os
import sys
import threading
import time

sys.path.insert(0, os.environ["ARTICLE_CLIENT_DIR"])
from article_client import PowerClerk  # noqa: E402

PATH = '/Programs/M5JGHPZK7GFC/Projects/{}/Forms/{}/Data'


def gets(n):
    pc = PowerClerk()
    pc.get(PATH.format('INTG-00256', 'TECHNICAL_REVIEW'))  # warm-up: token
    start = time.perf_counter()
    cpu = time.process_time()
    for _ in range(n):
        pc.get(PATH.format('INTG-00256', 'TECHNICAL_REVIEW'))
    return {"wall_s": time.perf_counter() - start, "cpu_s": time.process_time() - cpu, "calls": n}


def calls(n, k):
    errors = {"429": 0, "other": 0}
    lock = threading.Lock()

    def worker(t):
        pc = PowerClerk()
        for i in range(n // k):
            try:
                pc.get(PATH.format('INTG-%05d' % (1 + (t * (n // k) + i) % 300), 'APPLICATION'))
            except RuntimeError as e:
                with lock:
                    errors["429" if "429" in str(e) else "other"] += 1

    start = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(t,)) for t in range(k)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    return {"wall_s": time.perf_counter() - start, "calls": n, "errors_429": errors["429"], "errors_other": errors["other"]}


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "gets":
        print(json.dumps(gets(int(sys.argv[2]))))
    else:
        print(json.dumps(calls(int(sys.argv[2]), int(sys.argv[3]))))
