// The tiny causal LM as an ONNX graph with the inputs and outputs of an Optimum decoder export (with past).
import { createRng } from "@/lib/random";
import { DataType, type Graph, type Node, type Tensor, type ValueInfo } from "./onnx-proto";

export interface TinyConfig {
  vocabSize: number;
  hidden: number;
  heads: number;
  layers: number;
  intermediate: number;
  /** Rows of the position table: the longest prompt plus answer the model takes. */
  maxPositions: number;
  seed: number;
  /** Added to the logits of these token ids (option labels), so answers often start with one. */
  favoured: number[];
  /** The end-of-turn token: it follows a label (a hand-wired path), so an answer starting with a label is short. */
  end: number;
  /**
   * "table" (the model `npm run tiny-model` writes): positions gathered from a fixed sinusoid table. "cast": computed
   * in the graph as rotary exports do (Cast of the int64 position_ids to float, Sin, Cos), which onnxruntime-web's
   * JSEP build got wrong on WebGPU; kept to test the build the app uses (e2e/webgpu-cast.spec.ts).
   */
  positions?: "table" | "cast";
}

const END_AFTER_LABEL = 20;

class Builder {
  readonly nodes: Node[] = [];
  readonly initializers: Tensor[] = [];
  private n = 0;

  op(op: string, inputs: string[], attributes?: Node["attributes"], outputs?: string[]): string {
    const name = `${op}_${this.n++}`;
    const outs = outputs ?? [`${name}_out`];
    this.nodes.push({ op, inputs, outputs: outs, name, attributes });
    return outs[0];
  }

  floats(name: string, dims: number[], values: Float32Array): string {
    this.initializers.push({ name, dims, dataType: DataType.FLOAT, raw: new Uint8Array(values.buffer.slice(0)) });
    return name;
  }

  ints(name: string, values: number[]): string {
    const raw = new BigInt64Array(values.map(BigInt));
    this.initializers.push({ name, dims: [values.length], dataType: DataType.INT64, raw: new Uint8Array(raw.buffer) });
    return name;
  }
}

/** Row p: sin(p·f_i) then cos(p·f_i) for the frequencies f_i = 10000^(-2i/d). */
function sinusoids(rows: number, d: number): Float32Array {
  const out = new Float32Array(rows * d);
  for (let p = 0; p < rows; p++) {
    for (let i = 0; i < d / 2; i++) {
      const angle = p / 10000 ** ((2 * i) / d);
      out[p * d + i] = Math.sin(angle);
      out[p * d + d / 2 + i] = Math.cos(angle);
    }
  }
  return out;
}

export function parameterCount(c: TinyConfig): number {
  const perLayer = 4 * c.hidden * c.hidden + 2 * c.hidden * c.intermediate + 4 * c.hidden;
  return c.vocabSize * c.hidden + c.layers * perLayer + 2 * c.hidden + c.vocabSize;
}

export function buildTinyGraph(c: TinyConfig): Graph {
  const rng = createRng(c.seed);
  const normal = (count: number, std: number) => {
    const out = new Float32Array(count);
    for (let i = 0; i < count; i++) {
      const u = 1 - rng();
      out[i] = std * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
    }
    return out;
  };
  const filled = (count: number, value: number) => new Float32Array(count).fill(value);
  const b = new Builder();
  const d = c.hidden;
  const headDim = d / c.heads;

  const embed = b.floats("model.embed_tokens.weight", [c.vocabSize, d], normal(c.vocabSize * d, 1));
  const bias = new Float32Array(c.vocabSize);
  for (const id of c.favoured) bias[id] = 5;
  const lmBias = b.floats("lm_head.bias", [c.vocabSize], bias);
  const axisLast = b.ints("axis_last", [-1]);
  const axisZero = b.ints("axis_zero", [0]);
  const axes01 = b.ints("axes_0_1", [0, 1]);
  const axes12 = b.ints("axes_1_2", [1, 2]);
  const one = b.ints("one", [1]);
  const zero = b.ints("zero_scalar_1d", [0]);
  const splitHeads = b.ints("split_heads_shape", [0, 0, c.heads, headDim]);
  const mergeHeads = b.ints("merge_heads_shape", [0, 0, d]);
  const scale = b.floats("attn_scale", [], Float32Array.of(1 / Math.sqrt(headDim)));
  const masked = b.floats("mask_value", [], Float32Array.of(-1e9));

  // Positions by a Gather from a fixed sinusoid table (GPT-2's layout, with sinusoids for learned rows), or computed
  // from position_ids as rotary exports do (see TinyConfig.positions).
  let h = b.op("Gather", [embed, "input_ids"], { axis: { int: 0 } });
  if (c.positions === "cast") {
    const invFreq = b.floats("inv_freq", [d / 2], Float32Array.from({ length: d / 2 }, (_, i) => 1 / 10000 ** ((2 * i) / d)));
    const angles = b.op("Mul", [b.op("Unsqueeze", [b.op("Cast", ["position_ids"], { to: { int: DataType.FLOAT } }), axisLast]), invFreq]);
    h = b.op("Add", [h, b.op("Concat", [b.op("Sin", [angles]), b.op("Cos", [angles])], { axis: { int: -1 } })]);
  } else {
    const positions = b.floats("model.embed_positions.weight", [c.maxPositions, d], sinusoids(c.maxPositions, d));
    h = b.op("Add", [h, b.op("Gather", [positions, "position_ids"], { axis: { int: 0 } })]);
  }

  // Causal mask over past + new positions, combined with attention_mask: [batch, 1, new, total].
  const total = b.op("Gather", [b.op("Shape", ["attention_mask"]), one], { axis: { int: 0 } });
  const fresh = b.op("Gather", [b.op("Shape", ["input_ids"]), one], { axis: { int: 0 } });
  const past = b.op("Sub", [total, fresh]);
  const scalar = (t: string) => b.op("Squeeze", [t, axisZero]);
  const keyIdx = b.op("Range", [scalar(zero), scalar(total), scalar(one)]);
  const queryIdx = b.op("Add", [b.op("Range", [scalar(zero), scalar(fresh), scalar(one)]), past]);
  const causal = b.op("LessOrEqual", [b.op("Unsqueeze", [keyIdx, axisZero]), b.op("Unsqueeze", [queryIdx, axisLast])]);
  const padding = b.op("Cast", [b.op("Unsqueeze", ["attention_mask", axes12]), ], { to: { int: DataType.BOOL } });
  const allowed = b.op("And", [b.op("Unsqueeze", [causal, axes01]), padding]);

  for (let l = 0; l < c.layers; l++) {
    const p = `model.layers.${l}`;
    const w = (name: string, rows: number, cols: number) => b.floats(`${p}.${name}`, [rows, cols], normal(rows * cols, 1 / Math.sqrt(rows)));
    const norm = (name: string, x: string) =>
      b.op("LayerNormalization", [x, b.floats(`${p}.${name}.weight`, [d], filled(d, 1)), b.floats(`${p}.${name}.bias`, [d], filled(d, 0))], {
        axis: { int: -1 },
        epsilon: 1e-5,
      });
    const x = norm("input_layernorm", h);
    const heads = (name: string) => b.op("Transpose", [b.op("Reshape", [b.op("MatMul", [x, w(name, d, d)]), splitHeads])], { perm: [0, 2, 1, 3] });
    const q = heads("self_attn.q_proj.weight");
    const k = b.op("Concat", [`past_key_values.${l}.key`, heads("self_attn.k_proj.weight")], { axis: { int: 2 } }, [`present.${l}.key`]);
    const v = b.op("Concat", [`past_key_values.${l}.value`, heads("self_attn.v_proj.weight")], { axis: { int: 2 } }, [`present.${l}.value`]);
    const scores = b.op("Mul", [b.op("MatMul", [q, b.op("Transpose", [k], { perm: [0, 1, 3, 2] })]), scale]);
    const probs = b.op("Softmax", [b.op("Where", [allowed, scores, masked])], { axis: { int: -1 } });
    const attn = b.op("Reshape", [b.op("Transpose", [b.op("MatMul", [probs, v])], { perm: [0, 2, 1, 3] }), mergeHeads]);
    h = b.op("Add", [h, b.op("MatMul", [attn, w("self_attn.o_proj.weight", d, d)])]);
    const y = norm("post_attention_layernorm", h);
    const up = b.op("Tanh", [b.op("MatMul", [y, w("mlp.up_proj.weight", d, c.intermediate)])]);
    h = b.op("Add", [h, b.op("MatMul", [up, w("mlp.down_proj.weight", c.intermediate, d)])]);
  }
  const finalNorm = b.op("LayerNormalization", [h, b.floats("model.norm.weight", [d], filled(d, 1)), b.floats("model.norm.bias", [d], filled(d, 0))], {
    axis: { int: -1 },
    epsilon: 1e-5,
  });
  // Tied embeddings: the output projection is the embedding matrix, transposed.
  const scores = b.op("Add", [b.op("MatMul", [finalNorm, b.op("Transpose", [embed], { perm: [1, 0] })]), lmBias]);
  const isLabel = new Float32Array(c.vocabSize);
  for (const id of c.favoured) isLabel[id] = END_AFTER_LABEL;
  const endColumn = new Float32Array(c.vocabSize);
  endColumn[c.end] = 1;
  const afterLabel = b.op("Unsqueeze", [b.op("Gather", [b.floats("end_after_label", [c.vocabSize], isLabel), "input_ids"], { axis: { int: 0 } }), axisLast]);
  b.op("Add", [scores, b.op("Mul", [afterLabel, b.floats("end_column", [c.vocabSize], endColumn)])], undefined, ["logits"]);

  const kv = (prefix: string, length: string): ValueInfo[] =>
    Array.from({ length: c.layers }, (_, l) =>
      (["key", "value"] as const).map((part) => ({
        name: `${prefix}.${l}.${part}`,
        elemType: DataType.FLOAT,
        shape: ["batch_size", c.heads, length, headDim] as (number | string)[],
      })),
    ).flat();
  return {
    name: "tiny-char-lm",
    nodes: b.nodes,
    initializers: b.initializers,
    inputs: [
      { name: "input_ids", elemType: DataType.INT64, shape: ["batch_size", "sequence_length"] },
      { name: "attention_mask", elemType: DataType.INT64, shape: ["batch_size", "total_sequence_length"] },
      { name: "position_ids", elemType: DataType.INT64, shape: ["batch_size", "sequence_length"] },
      ...kv("past_key_values", "past_sequence_length"),
    ],
    outputs: [{ name: "logits", elemType: DataType.FLOAT, shape: ["batch_size", "sequence_length", c.vocabSize] }, ...kv("present", "total_sequence_length")],
  };
}
