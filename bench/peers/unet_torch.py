"""PyTorch peer of Tomopick's U-Net (src/ml/unet): the same architecture, layer for layer, timed on
the CPU for inference per patch and one training step (Dice + cross-entropy, Adam). Optionally exports
the network to ONNX for the onnxruntime-node peer. Prints one JSON object.

Usage: unet_torch.py '{"nClasses":5,"baseWidth":8,"depth":2,"patch":32}' --batch 2 --threads 1 [--onnx out.onnx]
"""
import argparse
import json
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def block(cin, cout):
    return nn.Sequential(
        nn.Conv3d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm3d(cout, eps=1e-5), nn.ReLU(inplace=True),
        nn.Conv3d(cout, cout, 3, padding=1, bias=False), nn.BatchNorm3d(cout, eps=1e-5), nn.ReLU(inplace=True))


class UNet(nn.Module):
    def __init__(self, n_classes, base, depth):
        super().__init__()
        widths = [base * 2 ** l for l in range(depth + 1)]
        self.enc = nn.ModuleList([block(1 if l == 0 else widths[l - 1], widths[l]) for l in range(depth)])
        self.mid = block(widths[depth - 1], widths[depth])
        self.up = nn.ModuleList([nn.ConvTranspose3d(widths[l + 1], widths[l], 2, stride=2) for l in range(depth)])
        self.dec = nn.ModuleList([block(2 * widths[l], widths[l]) for l in range(depth)])
        self.head = nn.Conv3d(widths[0], n_classes, 1)

    def forward(self, x):
        skips = []
        for enc in self.enc:
            x = enc(x)
            skips.append(x)
            x = F.max_pool3d(x, 2)
        x = self.mid(x)
        for l in reversed(range(len(self.enc))):
            x = self.dec[l](torch.cat([self.up[l](x), skips[l]], 1))
        return self.head(x)


def loss_fn(logits, target_onehot):
    probs = torch.softmax(logits, 1)
    dims = (2, 3, 4)
    inter = (probs * target_onehot).sum(dims)
    total = probs.sum(dims) + target_onehot.sum(dims)
    dice = 1 - ((2 * inter + 1) / (total + 1)).mean(1)
    ce = -(target_onehot * torch.log_softmax(logits, 1)).sum(1).mean((1, 2, 3))
    return (dice + ce).mean()


def best_of(fn, repeats):
    fn()  # warm-up
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times) * 1000


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('config')
    ap.add_argument('--batch', type=int, default=2)
    ap.add_argument('--threads', type=int, default=1)
    ap.add_argument('--repeats', type=int, default=3)
    ap.add_argument('--onnx')
    args = ap.parse_args()
    cfg = json.loads(args.config)
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    p, c = cfg['patch'], cfg['nClasses']
    net = UNet(c, cfg['baseWidth'], cfg['depth'])
    x1 = torch.randn(1, 1, p, p, p)
    net.eval()
    with torch.no_grad():
        infer_ms = best_of(lambda: net(x1), args.repeats)
    net.train()
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    xb = torch.randn(args.batch, 1, p, p, p)
    labels = torch.randint(0, c, (args.batch, p, p, p))
    onehot = F.one_hot(labels, c).permute(0, 4, 1, 2, 3).float()

    def step():
        opt.zero_grad()
        loss = loss_fn(net(xb), onehot)
        loss.backward()
        opt.step()
    train_ms = best_of(step, args.repeats)
    if args.onnx:
        net.eval()
        torch.onnx.export(net, x1, args.onnx, input_names=['input'], output_names=['logits'], opset_version=13)
    print(json.dumps({'inferMsPerPatch': infer_ms, 'trainStepMs': train_ms, 'batch': args.batch, 'threads': args.threads,
                      'torch': torch.__version__, 'parameters': sum(q.numel() for q in net.parameters())}))


if __name__ == '__main__':
    main()
