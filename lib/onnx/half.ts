/** IEEE half-precision bits to a number (logits of fp16 models arrive as Uint16Array). */
export function halfToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exp = (bits >> 10) & 0x1f;
  const frac = bits & 0x3ff;
  if (exp === 0) return sign * 2 ** -14 * (frac / 1024);
  if (exp === 0x1f) return frac ? NaN : sign * Infinity;
  return sign * 2 ** (exp - 15) * (1 + frac / 1024);
}

/** A tensor's float data as numbers, whether it is float32 or float16 (Uint16Array or Float16Array). */
export function floatData(type: string, data: unknown): ArrayLike<number> {
  if (type === "float16" && data instanceof Uint16Array) return Float32Array.from(data, halfToNumber);
  return data as ArrayLike<number>;
}
