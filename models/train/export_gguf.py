"""Writes a trained checkpoint as a GGUF file that llama.cpp (node-llama-cpp 3.21.1) loads as a
'qwen2' model with a 'gpt2' (byte-level BPE) tokenizer and the 'qwen2' pre-tokenizer, carrying
Qwen2.5-Coder's special tokens as control tokens and the FIM token ids in the metadata."""
import argparse, json
import numpy as np
import torch
import gguf

SPECIALS = ['<|endoftext|>', '<|im_start|>', '<|im_end|>', '<|fim_prefix|>', '<|fim_middle|>', '<|fim_suffix|>',
            '<|fim_pad|>', '<|repo_name|>', '<|file_sep|>']


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--checkpoint', required=True)
    ap.add_argument('--tokenizer', required=True)
    ap.add_argument('--out', required=True)
    ap.add_argument('--name', default='Tiered Demo Coder 5M (demo)')
    ap.add_argument('--context', type=int, default=0, help='context length to declare (default: the training length)')
    args = ap.parse_args()
    ck = torch.load(args.checkpoint, map_location='cpu')
    c, sd = ck['config'], ck['model']
    tj = json.load(open(args.tokenizer, encoding='utf-8'))
    vocab = {**tj['model']['vocab'], **{t['content']: t['id'] for t in tj['added_tokens']}}
    tokens = [None] * len(vocab)
    for s, i in vocab.items():
        tokens[i] = s
    assert None not in tokens and len(tokens) == c['vocab'], 'tokenizer and model vocabulary differ'
    merges = [m if isinstance(m, str) else ' '.join(m) for m in tj['model']['merges']]
    ids = {s: vocab[s] for s in SPECIALS}

    w = gguf.GGUFWriter(args.out, 'qwen2')
    w.add_name(args.name)
    w.add_description('Tiered demo code model: a few-million-parameter Qwen2-architecture model trained on permissively licensed npm/Python/Go source. Completion (FIM) only: it cannot chat.')
    w.add_file_type(0)
    w.add_context_length(args.context or c['seq_len'])
    w.add_embedding_length(c['d_model'])
    w.add_block_count(c['n_layers'])
    w.add_feed_forward_length(c['d_ff'])
    w.add_head_count(c['n_heads'])
    w.add_head_count_kv(c['n_kv_heads'])
    w.add_rope_freq_base(c['rope_base'])
    w.add_layer_norm_rms_eps(c['eps'])
    w.add_vocab_size(c['vocab'])
    w.add_tokenizer_model('gpt2')
    w.add_tokenizer_pre('qwen2')
    w.add_token_list(tokens)
    w.add_token_types([gguf.TokenType.CONTROL if s in ids else gguf.TokenType.NORMAL for s in tokens])
    w.add_token_merges(merges)
    w.add_bos_token_id(ids['<|endoftext|>'])
    w.add_eos_token_id(ids['<|endoftext|>'])
    w.add_pad_token_id(ids['<|endoftext|>'])
    w.add_add_bos_token(False)
    w.add_uint32(gguf.Keys.Tokenizer.FIM_PRE_ID, ids['<|fim_prefix|>'])
    w.add_uint32(gguf.Keys.Tokenizer.FIM_SUF_ID, ids['<|fim_suffix|>'])
    w.add_uint32(gguf.Keys.Tokenizer.FIM_MID_ID, ids['<|fim_middle|>'])
    w.add_uint32(gguf.Keys.Tokenizer.FIM_PAD_ID, ids['<|fim_pad|>'])
    w.add_uint32(gguf.Keys.Tokenizer.FIM_REP_ID, ids['<|repo_name|>'])
    w.add_uint32(gguf.Keys.Tokenizer.FIM_SEP_ID, ids['<|file_sep|>'])
    # No tokenizer.chat_template: the model was never trained to chat, and the extension reads
    # its absence as completion-only. Not marked tiered.demo (that is the letters-only tiny model,
    # whose tokens are single bytes); 'demo' is in its name, shown wherever the model is named.
    w.add_array('tiered.capabilities', ['fim', 'completion'])
    w.add_uint64('tiered.training.tokens', int(ck['tokens']))
    w.add_uint32('tiered.training.steps', int(ck['step']))

    def t(name, x):
        w.add_tensor(name, np.ascontiguousarray(x.detach().float().numpy().astype(np.float32)))

    t('token_embd.weight', sd['embed.weight'])
    for i in range(c['n_layers']):
        p = f'blocks.{i}.'
        b = f'blk.{i}.'
        t(b + 'attn_norm.weight', sd[p + 'attn_norm.weight'])
        for src, dst in (('q', 'attn_q'), ('k', 'attn_k'), ('v', 'attn_v')):
            t(f'{b}{dst}.weight', sd[f'{p}{src}.weight'])
            t(f'{b}{dst}.bias', sd[f'{p}{src}.bias'])
        t(b + 'attn_output.weight', sd[p + 'o.weight'])
        t(b + 'ffn_norm.weight', sd[p + 'ffn_norm.weight'])
        t(b + 'ffn_gate.weight', sd[p + 'gate.weight'])
        t(b + 'ffn_up.weight', sd[p + 'up.weight'])
        t(b + 'ffn_down.weight', sd[p + 'down.weight'])
    t('output_norm.weight', sd['norm.weight'])
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()
    print(json.dumps({'out': args.out, 'params': ck['params'], 'tokens': ck['tokens'], 'steps': ck['step']}))


if __name__ == '__main__':
    main()
