// Plain words shared by the studio's small forms (cast, beats): counts,
// length limits and "is this the same name". Pure, so unit tests read it.

/** A field's errors by name; `form` holds what belongs to no one field. */
export type FieldErrors<F extends string> = Partial<Record<F | "form", string>>;

export function hasErrors<F extends string>(errors: FieldErrors<F>): boolean {
  return Object.values(errors).some((e) => e !== undefined);
}

const COUNT = new Intl.NumberFormat("en-US");

/** "1 shot", "4 shots". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${COUNT.format(n)} ${n === 1 ? one : many}`;
}

/** "The name is 2,010 characters; the limit is 2,000." or undefined when it fits. */
export function tooLong(what: string, text: string, limit: number): string | undefined {
  if (text.length <= limit) return undefined;
  return `${what} is ${COUNT.format(text.length)} characters; the limit is ${COUNT.format(limit)}.`;
}

/** Names that read the same to a person: letter case and runs of spaces do not count. */
export function sameName(a: string, b: string): boolean {
  const key = (s: string) => s.normalize("NFC").trim().replace(/\s+/g, " ").toLocaleLowerCase("en-US");
  return key(a) === key(b);
}

/** The first field, in the form's order, that has an error: where focus goes. */
export function firstInvalid<F extends string>(order: readonly F[], errors: FieldErrors<F>): F | undefined {
  return order.find((f) => errors[f] !== undefined);
}
