"""Draws the training loss curve (loss.jsonl from train.py) as a PNG: per-step loss and its
moving average against tokens seen."""
import argparse, json
import matplotlib
matplotlib.use('Agg')
import matplotlib.pyplot as plt


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--log', required=True)
    ap.add_argument('--out', required=True)
    ap.add_argument('--window', type=int, default=25)
    args = ap.parse_args()
    recs = [json.loads(l) for l in open(args.log, encoding='utf-8')]
    tokens = [r['tokens'] / 1e6 for r in recs]
    loss = [r['loss'] for r in recs]
    avg = [sum(loss[max(0, i - args.window + 1):i + 1]) / len(loss[max(0, i - args.window + 1):i + 1]) for i in range(len(loss))]
    fig, ax = plt.subplots(figsize=(7, 3.6), dpi=110)
    ax.plot(tokens, loss, color='#9ab', linewidth=0.7, label='loss per step')
    ax.plot(tokens, avg, color='#c33', linewidth=1.6, label=f'moving average ({args.window} steps)')
    ax.set_xlabel('tokens seen (millions)')
    ax.set_ylabel('cross-entropy (nats/token)')
    ax.set_title(f'Tiered demo coder: {len(recs)} steps, {tokens[-1]:.2f}M tokens, final avg {avg[-1]:.2f}')
    ax.grid(alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(args.out)
    print(json.dumps({'out': args.out, 'steps': len(recs), 'tokens': recs[-1]['tokens'], 'finalAvgLoss': round(avg[-1], 3)}))


if __name__ == '__main__':
    main()
