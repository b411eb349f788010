"use client";

/** Widest label a category axis shows before cutting it; the whole name is in the tick's tooltip. */
export const NAME_AXIS_WIDTH = 150;
const CHARS = 18;

interface TickProps {
  x?: number | string;
  y?: number | string;
  payload?: { value?: unknown };
}

/** A y-axis name cut to one line with an ellipsis, the full name on hover (an SVG <title>). */
export function NameTick({ x = 0, y = 0, payload }: TickProps) {
  const name = String(payload?.value ?? "");
  const shown = [...name].length > CHARS ? `${[...name].slice(0, CHARS - 1).join("")}…` : name;
  return (
    <g transform={`translate(${x},${y})`}>
      <title>{name}</title>
      <text x={-4} y={0} dy={4} textAnchor="end" fontSize={12} fill="#1d2330">
        {shown}
      </text>
    </g>
  );
}
