// A field's validation message in plain words: the worker's zod messages are
// terse ("required", "at least 8 characters") and name the field by its key;
// beside the field they read as a sentence about that field.
const KNOWN: Record<string, Record<string, string>> = {
  name: { required: "Enter your name." },
  email: { required: "Enter your email address.", "enter a valid email address": "Enter a valid email address, like ana@example.com." },
  password: { required: "Enter a password.", "at least 8 characters": "Use at least 8 characters." },
};

/** "at most 100 characters" for `name` → "At most 100 characters." */
export function plainFieldError(field: string, message: string): string {
  const known = KNOWN[field]?.[message];
  if (known) return known;
  const text = message.trim();
  if (!text) return "Check this field.";
  const sentence = text[0]!.toUpperCase() + text.slice(1);
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}

/** Every field's message in plain words, keyed by field. */
export function plainFieldErrors(errors: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).map(([field, message]) => [field, plainFieldError(field, message)]));
}
