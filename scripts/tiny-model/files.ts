// The tiny model's vocabulary and its Hugging Face side files (tokenizer.json, tokenizer_config.json, configs).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { TinyConfig } from "./graph";

export const SPECIAL_TOKENS = ["<unk>", "<|endoftext|>", "<|im_start|>", "<|im_end|>"] as const;
const EOS = 3;

/** ChatML, as in Qwen's tokenizer_config.json. */
export const CHAT_TEMPLATE =
  "{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}{% endfor %}" +
  "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

/** Every character of the bundled mcq and scale items and of the prompt templates, plus printable ASCII. */
export function collectCharacters(root: string): string[] {
  const files = [
    ...["test", "dev"].flatMap((split) => {
      const dir = path.join(root, "data/cmmlu-medical", split);
      return readdirSync(dir).filter((f) => f.endsWith(".csv")).map((f) => path.join(dir, f));
    }),
    path.join(root, "data/scales/scales.json"),
    ...readdirSync(path.join(root, "lib/suites/prompts"))
      .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
      .map((f) => path.join(root, "lib/suites/prompts", f)),
  ];
  const chars = new Set<string>(["\n", "\t"]);
  for (let c = 0x20; c < 0x7f; c++) chars.add(String.fromCharCode(c));
  for (const file of files) for (const ch of readFileSync(file, "utf8")) if (ch !== "\r" && ch !== "\ufeff") chars.add(ch);
  return [...chars].sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!);
}

export function vocabulary(chars: string[]): string[] {
  return [...SPECIAL_TOKENS, ...chars];
}

export function tokenizerJson(vocab: string[]) {
  return {
    version: "1.0",
    truncation: null,
    padding: null,
    added_tokens: SPECIAL_TOKENS.map((content, id) => ({
      id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true,
    })),
    normalizer: null,
    // One token per character: a BPE model with no merges over single-character pieces.
    pre_tokenizer: { type: "Split", pattern: { Regex: "[\\s\\S]" }, behavior: "Isolated", invert: false },
    post_processor: null,
    decoder: { type: "Fuse" },
    model: {
      type: "BPE", dropout: null, unk_token: "<unk>", continuing_subword_prefix: null, end_of_word_suffix: null,
      fuse_unk: false, byte_fallback: false, ignore_merges: false,
      vocab: Object.fromEntries(vocab.map((t, i) => [t, i])),
      merges: [],
    },
  };
}

export function tokenizerConfig() {
  return {
    add_bos_token: false,
    add_eos_token: false,
    added_tokens_decoder: Object.fromEntries(
      SPECIAL_TOKENS.map((content, id) => [String(id), { content, lstrip: false, normalized: false, rstrip: false, single_word: false, special: true }]),
    ),
    bos_token: null,
    chat_template: CHAT_TEMPLATE,
    clean_up_tokenization_spaces: false,
    eos_token: SPECIAL_TOKENS[EOS],
    model_max_length: 4096,
    pad_token: "<|endoftext|>",
    tokenizer_class: "PreTrainedTokenizerFast",
    unk_token: "<unk>",
  };
}

/** config.json in the fields loaders read (layers, heads, head size) for the past key/value shapes. */
export function modelConfig(c: TinyConfig) {
  return {
    architectures: ["TinyCharForCausalLM"],
    // Loaders pick their decoder-with-past code path by model_type; this graph has the same inputs and outputs.
    model_type: "llama",
    vocab_size: c.vocabSize,
    hidden_size: c.hidden,
    intermediate_size: c.intermediate,
    num_hidden_layers: c.layers,
    num_attention_heads: c.heads,
    num_key_value_heads: c.heads,
    head_dim: c.hidden / c.heads,
    max_position_embeddings: c.maxPositions,
    bos_token_id: null,
    eos_token_id: EOS,
    pad_token_id: 1,
    tie_word_embeddings: true,
    torch_dtype: "float32",
    use_cache: true,
    chimed_tiny_model: { seed: c.seed },
  };
}

export function generationConfig() {
  return { bos_token_id: null, eos_token_id: [EOS, 1], pad_token_id: 1, do_sample: false };
}
