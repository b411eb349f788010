/**
 * The line on which each element of the top-level "items" array starts, by a single pass over the text (strings
 * and nesting tracked): lets a refusal name the line of a bad item whatever the file's layout.
 */
export function itemStartLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let lastKey = "";
  let keyStart = -1;
  let itemsDepth = -1;
  let expectingElement = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\n") line++;
    if (inString) {
      if (escaped) escaped = false;
      else if (c === "\\") escaped = true;
      else if (c === '"') {
        inString = false;
        if (depth === 1 && keyStart >= 0) lastKey = text.slice(keyStart, i);
      }
      continue;
    }
    if (c === '"') {
      inString = true;
      keyStart = i + 1;
      if (expectingElement && depth === itemsDepth) {
        lines.push(line);
        expectingElement = false;
      }
      continue;
    }
    if (/\s/.test(c)) continue;
    if (expectingElement && depth === itemsDepth && c !== "]") {
      lines.push(line);
      expectingElement = false;
    }
    if (c === "[" || c === "{") {
      depth++;
      if (c === "[" && depth === 2 && lastKey === "items" && itemsDepth === -1) {
        itemsDepth = depth;
        expectingElement = true;
      }
    } else if (c === "]" || c === "}") {
      if (depth === itemsDepth) itemsDepth = -2;
      depth--;
    } else if (c === "," && depth === itemsDepth) {
      expectingElement = true;
    }
    keyStart = -1;
  }
  return lines;
}

/** The 1-based line of a character offset. */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === "\n") line++;
  return line;
}
