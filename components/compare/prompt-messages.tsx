type Message = { role?: unknown; content?: unknown };

/** The chat messages a run sent, as text (dataset text is untrusted like model output). */
export function PromptMessages({ messages }: { messages: unknown[] }) {
  return (
    <ol className="messages" data-testid="compare-prompt">
      {(messages as Message[]).map((m, i) => (
        <li key={i} className={`message message-${String(m.role)}`}>
          <div className="message-role mono small">{String(m.role)}</div>
          <div className="item-text">{typeof m.content === "string" ? m.content : JSON.stringify(m.content)}</div>
        </li>
      ))}
    </ol>
  );
}
