// The size every audit row's details keep to (CONTRACT 11): the trail is one
// D1 table shared by every project, so no caller, and nothing a client sent,
// may make one row large. Shared by the worker's recordAudit and the rooms'
// audit hook.

/** The most an audit row's details take, as JSON in UTF-8. */
export const AUDIT_ROW_BYTES = 4 * 1024;

const utf8 = (s: string) => new TextEncoder().encode(s).byteLength;

/**
 * `details` as it fits AUDIT_ROW_BYTES: whole when it fits; else its fields
 * in order while they fit, each longer one left out, and `truncated: true`
 * saying that something was. A field is never cut in the middle.
 */
export function capDetails(details: Record<string, unknown> | null): Record<string, unknown> | null {
  if (!details || utf8(JSON.stringify(details)) <= AUDIT_ROW_BYTES) return details;
  const kept: Record<string, unknown> = { truncated: true };
  for (const [k, v] of Object.entries(details)) {
    if (v === undefined) continue;
    kept[k] = v;
    if (utf8(JSON.stringify(kept)) > AUDIT_ROW_BYTES) delete kept[k];
  }
  return kept;
}
