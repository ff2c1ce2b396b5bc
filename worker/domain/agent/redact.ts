// Redaction, applied before anything reaches a trace, a log, a record or a
// client: the configured secret values themselves, bearer tokens and common
// API-key shapes.
const PATTERNS: [RegExp, string][] = [
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi, "$1 [redacted]"],
  [/\bsk-[A-Za-z0-9_-]{16,}/g, "[redacted-key]"],
  [/\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g, "[redacted-key]"],
  [/\bgh[pousr]_[A-Za-z0-9]{20,}\b/g, "[redacted-key]"],
  [/((?:api[_-]?key|access[_-]?token|secret|password)["']?\s*[:=]\s*["']?)[^\s"',}\\]{8,}/gi, "$1[redacted]"],
];

export type Redactor = (text: string) => string;

/** A redactor for these secret values (the env's OPENAI_API_KEY and friends) plus the shapes above. */
export function makeRedactor(secrets: (string | undefined)[]): Redactor {
  // Longest first, so a secret containing another is removed whole.
  const values = secrets.filter((s): s is string => typeof s === "string" && s.length >= 6).sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text;
    for (const v of values) out = out.split(v).join("[redacted]");
    for (const [re, sub] of PATTERNS) out = out.replace(re, sub);
    return out;
  };
}

/** Redacts every string inside a JSON-able value (values one by one, so JSON escapes are never cut). */
export function redactDeep<T>(value: T, redact: Redactor): T {
  if (typeof value === "string") return redact(value) as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, redact)) as T;
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = redactDeep(v, redact);
    return out as T;
  }
  return value;
}

/**
 * Redacts streamed text without ever splitting a secret between two
 * redactions: text is released only up to a whitespace boundary (keys and
 * tokens contain none), and never right after "Bearer" or "key:", whose
 * value may still be arriving.
 */
export class RedactingStream {
  private pending = "";

  constructor(
    private readonly redact: Redactor,
    private readonly maxHold = 4096,
  ) {}

  push(text: string): string {
    this.pending += text;
    let cut = this.safeCut();
    if (cut <= 0 && this.pending.length > this.maxHold) cut = this.pending.length;
    if (cut <= 0) return "";
    const out = this.pending.slice(0, cut);
    this.pending = this.pending.slice(cut);
    return this.redact(out);
  }

  flush(): string {
    const out = this.pending;
    this.pending = "";
    return out ? this.redact(out) : "";
  }

  private safeCut(): number {
    let end = this.pending.length;
    for (;;) {
      const ws = Math.max(this.pending.lastIndexOf(" ", end - 1), this.pending.lastIndexOf("\n", end - 1), this.pending.lastIndexOf("\t", end - 1));
      if (ws < 0) return 0;
      const before = this.pending.slice(0, ws);
      if (!/(?:bearer|basic|[:=])\s*$/i.test(before)) return ws + 1;
      end = ws;
    }
  }
}
