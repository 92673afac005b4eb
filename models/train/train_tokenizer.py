"""Trains a byte-level BPE tokenizer on the corpus with Qwen2's pre-tokenizer and Qwen2.5-Coder's
special tokens (exact strings), so llama.cpp's 'qwen2' pre-tokenizer splits text exactly as
training did. Output: tokenizer.json."""
import argparse, json, random
from tokenizers import Tokenizer, Regex, models, pre_tokenizers, decoders, trainers

# Qwen2's pre-tokenizer pattern (tokenizer.json of Qwen2.5-Coder; llama.cpp's LLAMA_VOCAB_PRE_TYPE_QWEN2)
QWEN2_PATTERN = r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"
# Qwen2.5-Coder's special tokens, in its order (ids follow the learned vocabulary)
SPECIALS = ['<|endoftext|>', '<|im_start|>', '<|im_end|>', '<|fim_prefix|>', '<|fim_middle|>', '<|fim_suffix|>',
            '<|fim_pad|>', '<|repo_name|>', '<|file_sep|>']


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--corpus', required=True)
    ap.add_argument('--out', required=True)
    ap.add_argument('--vocab', type=int, default=8192)
    ap.add_argument('--sample-bytes', type=int, default=12_000_000)
    ap.add_argument('--seed', type=int, default=1234)
    args = ap.parse_args()
    docs = [json.loads(l)['text'] for l in open(args.corpus, encoding='utf-8')]
    random.Random(args.seed).shuffle(docs)
    picked, size = [], 0
    for d in docs:
        if size > args.sample_bytes:
            break
        picked.append(d)
        size += len(d)
    tok = Tokenizer(models.BPE(byte_fallback=False))
    tok.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.Split(Regex(QWEN2_PATTERN), behavior='isolated', invert=False),
        pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False),
    ])
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=args.vocab - len(SPECIALS), min_frequency=2, show_progress=False,
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), special_tokens=[])
    tok.train_from_iterator(picked, trainer=trainer)
    tok.add_special_tokens(SPECIALS)
    tok.save(args.out)
    print(json.dumps({'vocab': tok.get_vocab_size(), 'trainedOnBytes': size,
                      'specials': {s: tok.token_to_id(s) for s in SPECIALS}}))


if __name__ == '__main__':
    main()
