/** Pretty-printed JSON, rendered as text: values may hold model output or dataset text. */
export function JsonText({ value, testId }: { value: unknown; testId?: string }) {
  const text = value === undefined || value === null ? "—" : JSON.stringify(value, null, 2);
  return (
    <pre className="item-text code-block" data-testid={testId}>
      {text}
    </pre>
  );
}
