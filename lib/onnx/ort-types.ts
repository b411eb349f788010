// The slice of onnxruntime's JS API the generation loop uses: onnxruntime-node and onnxruntime-web both satisfy it.

export type TensorData = Float32Array | Uint16Array | BigInt64Array | Int32Array | Uint8Array | { readonly length: number; [i: number]: number };

export interface OrtTensor {
  readonly type: string;
  readonly dims: readonly number[];
  readonly data: unknown;
  /** Present on onnxruntime-web (GPU buffers); frees the tensor's memory. */
  dispose?(): void;
}

export type OrtTensorConstructor = new (type: "int64" | "float32" | "float16" | "bool", data: TensorData | boolean[], dims: readonly number[]) => OrtTensor;

export interface OrtInputMetadata {
  name: string;
  isTensor?: boolean;
  type?: string;
  shape?: readonly (number | string)[];
}

export interface OrtSession {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  readonly inputMetadata?: readonly OrtInputMetadata[];
  run(feeds: Record<string, OrtTensor>): Promise<Record<string, OrtTensor>>;
  release?(): Promise<void>;
}
