/** A run's cost from the tokens it bought and the model's optional prices per million tokens. */
export function runCost(
  tokens: { promptTokens: number; completionTokens: number },
  prices: { promptPricePerMTok: number | null; completionPricePerMTok: number | null },
): number | null {
  if (prices.promptPricePerMTok == null && prices.completionPricePerMTok == null) return null;
  return (
    (tokens.promptTokens * (prices.promptPricePerMTok ?? 0) + tokens.completionTokens * (prices.completionPricePerMTok ?? 0)) / 1e6
  );
}
