// A minimal protobuf writer for the parts of onnx.proto a small model needs (field numbers from onnx/onnx.proto).

class Writer {
  private chunks: number[] = [];

  varint(value: number | bigint): this {
    let v = BigInt.asUintN(64, BigInt(value));
    do {
      const byte = Number(v & 0x7fn);
      v >>= 7n;
      this.chunks.push(v > 0n ? byte | 0x80 : byte);
    } while (v > 0n);
    return this;
  }

  private key(field: number, wire: number) {
    return this.varint((field << 3) | wire);
  }

  int(field: number, value: number | bigint): this {
    return this.key(field, 0).varint(value);
  }

  float(field: number, value: number): this {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, value, true);
    this.key(field, 5);
    this.chunks.push(...b);
    return this;
  }

  bytes(field: number, value: Uint8Array): this {
    this.key(field, 2).varint(value.length);
    for (let i = 0; i < value.length; i++) this.chunks.push(value[i]);
    return this;
  }

  string(field: number, value: string): this {
    return this.bytes(field, new TextEncoder().encode(value));
  }

  message(field: number, write: (w: Writer) => void): this {
    const inner = new Writer();
    write(inner);
    return this.bytes(field, inner.finish());
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.chunks);
  }
}

export const DataType = { FLOAT: 1, INT32: 6, INT64: 7, BOOL: 9, FLOAT16: 10 } as const;

export type AttributeValue = number | string | number[] | { int: number } | { ints: number[] } | { floats: number[] };

export interface Tensor {
  name: string;
  dims: number[];
  dataType: number;
  raw: Uint8Array;
}

export interface Node {
  op: string;
  inputs: string[];
  outputs: string[];
  name: string;
  attributes?: Record<string, AttributeValue>;
}

export interface ValueInfo {
  name: string;
  elemType: number;
  /** A number is a fixed size, a string a symbolic (dynamic) dimension. */
  shape: (number | string)[];
}

export interface Graph {
  name: string;
  nodes: Node[];
  initializers: Tensor[];
  inputs: ValueInfo[];
  outputs: ValueInfo[];
}

function writeTensor(w: Writer, t: Tensor) {
  for (const d of t.dims) w.int(1, d);
  w.int(2, t.dataType).string(8, t.name).bytes(9, t.raw);
}

function writeAttribute(w: Writer, name: string, value: AttributeValue) {
  w.string(1, name);
  // AttributeType: FLOAT 1, INT 2, STRING 3, FLOATS 6, INTS 7. Bare numbers are floats unless integral and wrapped.
  if (typeof value === "string") w.bytes(4, new TextEncoder().encode(value)).int(20, 3);
  else if (typeof value === "number") w.float(2, value).int(20, 1);
  else if (Array.isArray(value) || "ints" in value) {
    for (const v of Array.isArray(value) ? value : value.ints) w.int(8, v);
    w.int(20, 7);
  } else if ("int" in value) w.int(3, value.int).int(20, 2);
  else {
    for (const v of value.floats) w.float(7, v);
    w.int(20, 6);
  }
}

function writeValueInfo(w: Writer, v: ValueInfo) {
  w.string(1, v.name).message(2, (type) =>
    type.message(1, (tensor) =>
      tensor.int(1, v.elemType).message(2, (shape) => {
        for (const d of v.shape) shape.message(1, (dim) => (typeof d === "number" ? dim.int(1, d) : dim.string(2, d)));
      }),
    ),
  );
}

export function encodeModel(graph: Graph, { opset, producer }: { opset: number; producer: string }): Uint8Array {
  const w = new Writer();
  w.int(1, 8).string(2, producer).string(3, "1");
  w.message(7, (g) => {
    for (const n of graph.nodes) {
      g.message(1, (node) => {
        for (const i of n.inputs) node.string(1, i);
        for (const o of n.outputs) node.string(2, o);
        node.string(3, n.name).string(4, n.op);
        for (const [name, value] of Object.entries(n.attributes ?? {})) node.message(5, (a) => writeAttribute(a, name, value));
      });
    }
    g.string(2, graph.name);
    for (const t of graph.initializers) g.message(5, (m) => writeTensor(m, t));
    for (const v of graph.inputs) g.message(11, (m) => writeValueInfo(m, v));
    for (const v of graph.outputs) g.message(12, (m) => writeValueInfo(m, v));
  });
  w.message(8, (o) => o.string(1, "").int(2, opset));
  return w.finish();
}
