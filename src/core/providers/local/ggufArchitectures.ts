// What the bundled llama.cpp (node-llama-cpp 3.21.1, GgufArchitectureType) can load, and the
// size of each ggml tensor type, so a model file can be checked before a process is started.

export const SUPPORTED_ARCHITECTURES: ReadonlySet<string> = new Set(
  ('llama llama4 deci falcon grok gpt2 gptj gptneox mpt baichuan starcoder refact bloom stablelm qwen qwen2 ' +
    'qwen2moe qwen2vl qwen3 qwen3moe qwen3next qwen3vl qwen3vlmoe qwen35 qwen35moe phi2 phi3 phimoe plamo plamo2 ' +
    'plamo3 codeshell orion internlm2 minicpm minicpm3 gemma gemma2 gemma3 gemma3n gemma4 starcoder2 mamba mamba2 ' +
    'jamba falcon-h1 xverse command-r cohere2 cohere2moe dbrx olmo olmo2 olmoe openelm arctic deepseek deepseek2 ' +
    'deepseek32 deepseek4 chatglm glm4 glm4moe bitnet t5 jais jais2 nemotron nemotron_h nemotron_h_moe exaone ' +
    'exaone4 exaone-moe rwkv6 rwkv6qwen2 rwkv7 arwkv7 granite granitemoe granitehybrid chameleon plm bailingmoe ' +
    'bailingmoe2 dots1 arcee afmoe ernie4_5 ernie4_5-moe hunyuan-moe hunyuan-dense smollm3 gpt-oss lfm2 lfm2moe ' +
    'dream smallthinker llada llada-moe seed_oss grovemoe apertus minimax-m2 mistral3 mistral4 mimo2 maincoder ' +
    'mellum nanbeige').split(' '),
);

/** Architectures llama.cpp loads but that only embed or encode: they cannot complete code. */
export const EMBEDDING_ARCHITECTURES: ReadonlySet<string> = new Set([
  'bert', 'modern-bert', 'nomic-bert', 'nomic-bert-moe', 'neo-bert', 'jina-bert-v2', 'jina-bert-v3', 'eurobert',
  't5encoder', 'gemma-embedding', 'llama-embed', 'wavtokenizer-dec',
]);

/** ggml type id -> [elements per block, bytes per block]. */
const TYPE_SIZES: Record<number, [number, number]> = {
  0: [1, 4], 1: [1, 2], 2: [32, 18], 3: [32, 20], 6: [32, 22], 7: [32, 24], 8: [32, 34], 9: [32, 36],
  10: [256, 84], 11: [256, 110], 12: [256, 144], 13: [256, 176], 14: [256, 210], 15: [256, 292],
  16: [256, 66], 17: [256, 74], 18: [256, 98], 19: [256, 50], 20: [32, 18], 21: [256, 110], 22: [256, 82],
  23: [256, 136], 24: [1, 1], 25: [1, 2], 26: [1, 4], 27: [1, 8], 28: [1, 8], 29: [256, 56], 30: [1, 2],
  34: [256, 54], 35: [256, 66], 39: [32, 17],
};

/** Bytes of a tensor's data, or undefined for a type this table does not know. */
export function tensorBytes(type: number, dims: readonly number[]): number | undefined {
  const size = TYPE_SIZES[type];
  if (!size) return undefined;
  const elements = dims.reduce((a, b) => a * b, 1);
  return Math.ceil(elements / size[0]) * size[1];
}
