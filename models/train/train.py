"""Trains a small Qwen2-architecture code model (decoder-only; RMSNorm, rotary positions in the
NeoX layout llama.cpp uses for qwen2, SwiGLU, q/k/v biases, tied embeddings) on the corpus.

Samples are built on the fly, in the formats the extension sends (see README.md):
  * file-level:  [<|file_sep|>path\n]code<|endoftext|>
  * repo-level:  <|repo_name|>pkg\n<|file_sep|>path\ncode<|file_sep|>path\ncode...
  * FIM (about half), PSM: [repo header + other files]<|file_sep|>path\n<|fim_prefix|>pre<|fim_suffix|>suf<|fim_middle|>mid<|endoftext|>
                      SPM: <|fim_suffix|>suf<|fim_prefix|>pre<|fim_middle|>mid<|endoftext|>
Training stops after --steps or --minutes of wall-clock time, whichever comes first; the learning
rate decays on the same clock so a time-limited run still ends cool.
"""
import argparse, json, math, os, random, time
import torch
import torch.nn as nn
import torch.nn.functional as F
from tokenizers import Tokenizer

EOT, FIM_PRE, FIM_MID, FIM_SUF, REPO, FILE_SEP = '<|endoftext|>', '<|fim_prefix|>', '<|fim_middle|>', '<|fim_suffix|>', '<|repo_name|>', '<|file_sep|>'


class RMSNorm(nn.Module):
    def __init__(self, d, eps=1e-6):
        super().__init__()
        self.eps, self.weight = eps, nn.Parameter(torch.ones(d))

    def forward(self, x):
        return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps) * self.weight


def rope_tables(seq, head_dim, base, device):
    inv = 1.0 / (base ** (torch.arange(0, head_dim, 2, device=device).float() / head_dim))
    f = torch.outer(torch.arange(seq, device=device).float(), inv)
    emb = torch.cat([f, f], dim=-1)
    return emb.cos(), emb.sin()


def rotate_half(x):
    a, b = x.chunk(2, dim=-1)
    return torch.cat([-b, a], dim=-1)


class Block(nn.Module):
    def __init__(self, c):
        super().__init__()
        d, h, kv = c['d_model'], c['n_heads'], c['n_kv_heads']
        self.h, self.kv, self.hd = h, kv, d // h
        self.attn_norm, self.ffn_norm = RMSNorm(d, c['eps']), RMSNorm(d, c['eps'])
        self.q = nn.Linear(d, d, bias=True)
        self.k = nn.Linear(d, kv * self.hd, bias=True)
        self.v = nn.Linear(d, kv * self.hd, bias=True)
        self.o = nn.Linear(d, d, bias=False)
        self.gate = nn.Linear(d, c['d_ff'], bias=False)
        self.up = nn.Linear(d, c['d_ff'], bias=False)
        self.down = nn.Linear(c['d_ff'], d, bias=False)

    def forward(self, x, cos, sin):
        B, T, _ = x.shape
        y = self.attn_norm(x)
        q = self.q(y).view(B, T, self.h, self.hd).transpose(1, 2)
        k = self.k(y).view(B, T, self.kv, self.hd).transpose(1, 2)
        v = self.v(y).view(B, T, self.kv, self.hd).transpose(1, 2)
        q, k = q * cos + rotate_half(q) * sin, k * cos + rotate_half(k) * sin
        if self.kv != self.h:
            k, v = k.repeat_interleave(self.h // self.kv, 1), v.repeat_interleave(self.h // self.kv, 1)
        a = F.scaled_dot_product_attention(q, k, v, is_causal=True)
        x = x + self.o(a.transpose(1, 2).reshape(B, T, -1))
        y = self.ffn_norm(x)
        return x + self.down(F.silu(self.gate(y)) * self.up(y))


class Model(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.c = c
        self.embed = nn.Embedding(c['vocab'], c['d_model'])
        self.blocks = nn.ModuleList(Block(c) for _ in range(c['n_layers']))
        self.norm = RMSNorm(c['d_model'], c['eps'])
        nn.init.normal_(self.embed.weight, std=0.02)
        for n, p in self.named_parameters():
            if p.dim() == 2 and n != 'embed.weight':
                nn.init.normal_(p, std=0.02 / (math.sqrt(2 * c['n_layers']) if n.endswith(('o.weight', 'down.weight')) else 1))
            elif n.endswith('bias'):
                nn.init.zeros_(p)

    def forward(self, idx):
        T = idx.shape[1]
        cos, sin = rope_tables(T, self.c['d_model'] // self.c['n_heads'], self.c['rope_base'], idx.device)
        x = self.embed(idx)
        for b in self.blocks:
            x = b(x, cos, sin)
        return self.norm(x) @ self.embed.weight.T  # tied output


class Samples:
    """Builds training strings from the corpus (files grouped by package)."""

    def __init__(self, corpus_path, seq_len, rng, fim_rate=0.5, spm_rate=0.3, repo_rate=0.5):
        self.rng, self.chars = rng, seq_len * 3
        self.fim_rate, self.spm_rate, self.repo_rate = fim_rate, spm_rate, repo_rate
        self.files, self.by_repo = [], {}
        for line in open(corpus_path, encoding='utf-8'):
            d = json.loads(line)
            self.by_repo.setdefault(d['repo'], []).append(len(self.files))
            self.files.append((d['repo'], d['path'], d['text']))

    def window(self, text, n):
        if len(text) <= n:
            return text, True
        start = self.rng.randrange(0, len(text) - n)
        nl = text.find('\n', start)
        start = nl + 1 if 0 <= nl < start + 200 else start
        return text[start:start + n], start + n >= len(text)

    def repo_header(self, repo, path, budget):
        """<|repo_name|>repo\n<|file_sep|>other\ncode... then <|file_sep|>path\n (as the extension sends)."""
        parts, used = [f'{REPO}{repo}\n'], 0
        others = [i for i in self.by_repo[repo] if self.files[i][1] != path]
        self.rng.shuffle(others)
        for i in others[:self.rng.randint(0, 3)]:
            _, p, t = self.files[i]
            chunk, _ = self.window(t, min(len(t), max(0, budget - used)))
            if not chunk:
                break
            parts.append(f'{FILE_SEP}{p}\n{chunk if chunk.endswith(chr(10)) else chunk + chr(10)}')
            used += len(chunk)
        parts.append(f'{FILE_SEP}{path}\n')
        return ''.join(parts)

    def fim_split(self, text):
        n = len(text)
        a = self.rng.randrange(0, n)
        if self.rng.random() < 0.6:  # rest of the line (and maybe a few more): what a completion fills
            end = text.find('\n', a)
            end = n if end < 0 else end
            for _ in range(self.rng.choice([0, 0, 0, 1, 2, 4])):
                nxt = text.find('\n', end + 1)
                end = n if nxt < 0 else nxt
            b = end
        else:
            b = min(n, a + self.rng.randint(0, 160))
        return text[:a], text[a:b], text[b:]

    def sample(self):
        repo, path, text = self.files[self.rng.randrange(len(self.files))]
        repo_level = self.rng.random() < self.repo_rate
        header = self.repo_header(repo, path, self.chars // 3) if repo_level else ''
        body, at_end = self.window(text, self.chars - len(header))
        if self.rng.random() < self.fim_rate:
            pre, mid, suf = self.fim_split(body)
            if self.rng.random() < self.spm_rate:
                return f'{FIM_SUF}{suf}{FIM_PRE}{pre}{FIM_MID}{mid}{EOT}'
            return f'{header}{FIM_PRE}{pre}{FIM_SUF}{suf}{FIM_MID}{mid}{EOT}'
        if not repo_level and self.rng.random() < 0.5:
            header = f'{FILE_SEP}{path}\n'
        return header + body + (EOT if at_end else '')


def batches(samples, tok, batch, seq_len):
    while True:
        rows = []
        while len(rows) < batch:
            ids = []
            while len(ids) < seq_len + 1:
                enc = tok.encode(samples.sample()).ids
                ids.extend(enc[-(seq_len + 1):] if not ids else enc)
            rows.append(ids[:seq_len + 1])
        t = torch.tensor(rows, dtype=torch.long)
        yield t[:, :-1], t[:, 1:]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--corpus', required=True)
    ap.add_argument('--tokenizer', required=True)
    ap.add_argument('--out', required=True, help='folder for checkpoints and the loss log')
    ap.add_argument('--device', default='cuda' if torch.cuda.is_available() else 'cpu', help='cpu or cuda')
    ap.add_argument('--threads', type=int, default=2)
    ap.add_argument('--seed', type=int, default=1234)
    ap.add_argument('--d-model', type=int, default=256)
    ap.add_argument('--layers', type=int, default=6)
    ap.add_argument('--heads', type=int, default=4)
    ap.add_argument('--kv-heads', type=int, default=2)
    ap.add_argument('--d-ff', type=int, default=704)
    ap.add_argument('--seq-len', type=int, default=512)
    ap.add_argument('--batch', type=int, default=12)
    ap.add_argument('--lr', type=float, default=2e-3)
    ap.add_argument('--warmup', type=int, default=60)
    ap.add_argument('--steps', type=int, default=100000)
    ap.add_argument('--minutes', type=float, default=60)
    ap.add_argument('--save-every-minutes', type=float, default=5)
    args = ap.parse_args()
    random.seed(args.seed)
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    os.makedirs(args.out, exist_ok=True)
    tok = Tokenizer.from_file(args.tokenizer)
    cfg = dict(vocab=tok.get_vocab_size(), d_model=args.d_model, n_layers=args.layers, n_heads=args.heads,
               n_kv_heads=args.kv_heads, d_ff=args.d_ff, seq_len=args.seq_len, rope_base=10000.0, eps=1e-6)
    model = Model(cfg).to(args.device)
    n_params = sum(p.numel() for p in model.parameters())
    decay = [p for n, p in model.named_parameters() if p.dim() == 2]
    rest = [p for n, p in model.named_parameters() if p.dim() < 2]
    opt = torch.optim.AdamW([{'params': decay, 'weight_decay': 0.1}, {'params': rest, 'weight_decay': 0.0}], lr=args.lr, betas=(0.9, 0.95))
    data = batches(Samples(args.corpus, args.seq_len, random.Random(args.seed)), tok, args.batch, args.seq_len)
    log = open(os.path.join(args.out, 'loss.jsonl'), 'a', encoding='utf-8')
    print(json.dumps({'params': n_params, 'config': cfg, 'device': args.device}), flush=True)
    start = last_save = time.time()
    budget = args.minutes * 60
    tokens = 0

    def save(step, final=False):
        torch.save({'config': cfg, 'model': model.state_dict(), 'step': step, 'tokens': tokens, 'params': n_params,
                    'seconds': time.time() - start, 'args': vars(args)}, os.path.join(args.out, 'final.pt' if final else 'latest.pt'))

    for step in range(1, args.steps + 1):
        progress = max(step / args.steps, (time.time() - start) / budget)
        if progress >= 1:
            break
        lr = args.lr * min(1.0, step / args.warmup) * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * progress)))
        for g in opt.param_groups:
            g['lr'] = lr
        x, y = next(data)
        x, y = x.to(args.device), y.to(args.device)
        loss = F.cross_entropy(model(x).view(-1, cfg['vocab']), y.reshape(-1))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        tokens += x.numel()
        rec = {'step': step, 'loss': round(loss.item(), 4), 'lr': round(lr, 6), 'tokens': tokens, 'seconds': round(time.time() - start, 1)}
        log.write(json.dumps(rec) + '\n')
        if step % 10 == 0:
            log.flush()
            print(json.dumps(rec), flush=True)
        if time.time() - last_save > args.save_every_minutes * 60:
            save(step)
            last_save = time.time()
    save(step, final=True)
    print(json.dumps({'done': True, 'steps': step, 'tokens': tokens, 'seconds': round(time.time() - start)}), flush=True)


if __name__ == '__main__':
    main()
