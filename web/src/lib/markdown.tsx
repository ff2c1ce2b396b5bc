// A small markdown subset for the agent's prose: paragraphs, bullet and
// numbered lists, **bold**, *italic* and `code`. It builds elements, never
// HTML strings, so model text cannot inject markup (no innerHTML anywhere).
import { For, type JSX } from "solid-js";

type Block = { kind: "p"; text: string } | { kind: "ul" | "ol"; items: string[] };

export function blocks(text: string): Block[] {
  const out: Block[] = [];
  for (const para of text.replace(/\r\n/g, "\n").split(/\n{2,}/)) {
    const lines = para.split("\n").filter((l) => l.trim() !== "");
    if (lines.length === 0) continue;
    if (lines.every((l) => /^\s*[-*]\s+/.test(l))) out.push({ kind: "ul", items: lines.map((l) => l.replace(/^\s*[-*]\s+/, "")) });
    else if (lines.every((l) => /^\s*\d+[.)]\s+/.test(l))) out.push({ kind: "ol", items: lines.map((l) => l.replace(/^\s*\d+[.)]\s+/, "")) });
    else out.push({ kind: "p", text: lines.join("\n") });
  }
  return out;
}

/** Inline spans: **bold**, *italic*, `code`; everything else is plain text. */
export function inline(text: string): JSX.Element[] {
  const out: JSX.Element[] = [];
  const re = /\*\*([^*]+)\*\*|\*([^*\s][^*]*)\*|`([^`]+)`/g;
  let last = 0;
  for (const m of text.matchAll(re)) {
    if (m.index! > last) out.push(text.slice(last, m.index));
    if (m[1] !== undefined) out.push(<strong>{m[1]}</strong>);
    else if (m[2] !== undefined) out.push(<em>{m[2]}</em>);
    else out.push(<code>{m[3]}</code>);
    last = m.index! + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

export function Markdown(props: { text: string }) {
  return (
    <For each={blocks(props.text)}>
      {(b) =>
        b.kind === "p" ? (
          <p>{inline(b.text)}</p>
        ) : b.kind === "ul" ? (
          <ul>
            <For each={b.items}>{(i) => <li>{inline(i)}</li>}</For>
          </ul>
        ) : (
          <ol>
            <For each={b.items}>{(i) => <li>{inline(i)}</li>}</For>
          </ol>
        )
      }
    </For>
  );
}
