"""PyTorch CPU peer for bench/conv3d.bench.ts: times conv3d forward, input gradient and filter
gradient for the cases given as JSON on stdin, with 1 and 2 threads. Prints JSON on stdout:
[{"case": name, "threads": t, "forward": s, "backpropInput": s, "backpropFilter": s}] (best of reps).
"""
import json
import sys
import time

import torch


def best_time(fn, reps):
    fn()  # warm-up (allocations, kernel selection)
    best = float("inf")
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main():
    cases = json.load(sys.stdin)
    results = []
    for threads in (1, 2):
        torch.set_num_threads(threads)
        for c in cases:
            n, d, h, w, cin = c["x"]
            kd, kh, kw, _, cout = c["filter"]
            s = c["stride"]
            x = torch.randn(n, cin, d, h, w)
            weight = torch.randn(cout, cin, kd, kh, kw)
            # tfjs 'same' for odd kernels at stride 1 is symmetric padding (k-1)/2; k=s has none.
            pad = [(k - 1) // 2 for k in (kd, kh, kw)] if c["pad"] == "same" and s == 1 else [0, 0, 0]
            with torch.no_grad():
                y = torch.nn.functional.conv3d(x, weight, stride=s, padding=pad)
                dy = torch.randn_like(y)

                def backward(mask):
                    return torch.ops.aten.convolution_backward(
                        dy, x, weight, None, [s] * 3, pad, [1, 1, 1], False, [0, 0, 0], 1, mask)

                results.append({
                    "case": c["name"],
                    "threads": threads,
                    "forward": best_time(lambda: torch.nn.functional.conv3d(x, weight, stride=s, padding=pad), c["reps"]),
                    "backpropInput": best_time(lambda: backward([True, False, False]), c["reps"]),
                    "backpropFilter": best_time(lambda: backward([False, True, False]), c["reps"]),
                })
    json.dump({"torch": torch.__version__, "results": results}, sys.stdout)


main()
