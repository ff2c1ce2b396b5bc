// What the console's two lists (jobs, audit) share: filters that drop what
// was cleared, a filter chosen from a list, pages read by cursor (Load more
// appends the next), and the table they show in, under the list's error,
// with a row that says when nothing matches.
import { type Accessor, createSignal, For, type JSX, Show } from "solid-js";
import { describeError } from "../api";
import { Alert } from "../components/ui";

/** A list's filters; `set` merges a change and drops emptied fields, so a saved view holds only what was chosen. */
export function createFilters<F extends object>() {
  const [filters, setFilters] = createSignal<F>({} as F);
  const set = (patch: Partial<F>) => {
    const next: F = { ...filters(), ...patch };
    for (const k of Object.keys(next) as (keyof F)[]) if (!next[k]) delete next[k];
    setFilters(() => next);
  };
  return { filters, setFilters, set };
}

/** A filter chosen from `options`, with `any` (no filter) first; an option reads as `optionLabel` says, or as itself. */
export function FilterSelect<T extends string>(props: {
  label: string;
  value: T | undefined;
  any: string;
  options: readonly T[];
  optionLabel?: (option: T) => string;
  onChange: (value: T | undefined) => void;
}) {
  return (
    <label>
      {props.label}
      <select value={props.value ?? ""} onChange={(e) => props.onChange(props.options.find((o) => o === e.currentTarget.value))}>
        <option value="">{props.any}</option>
        <For each={props.options}>{(o) => <option value={o}>{props.optionLabel?.(o) ?? o}</option>}</For>
      </select>
    </label>
  );
}

export interface Page<Row, Cursor> {
  rows: Row[];
  nextCursor: Cursor | null;
}

/** A list read a page at a time; see createPagedList. */
export interface PagedList<Row> {
  rows: Accessor<Row[]>;
  /** Whether there is a next page to load. */
  more: Accessor<boolean>;
  error: Accessor<string | undefined>;
  setError: (message?: string) => void;
  load: (more?: boolean) => Promise<void>;
}

/**
 * A list read a page at a time under the current filters: load() reads the
 * first page again, load(true) appends the next. A failed read is kept as
 * `error`, which the panel's own actions may set too.
 */
export function createPagedList<F, Row, Cursor>(filters: Accessor<F>, read: (filters: F, cursor: Cursor | null) => Promise<Page<Row, Cursor>>): PagedList<Row> {
  const [rows, setRows] = createSignal<Row[]>([]);
  const [cursor, setCursor] = createSignal<Cursor | null>(null);
  const [error, setError] = createSignal<string>();
  const load = async (more = false) => {
    setError();
    try {
      const page = await read(filters(), more ? cursor() : null);
      setRows(() => (more ? [...rows(), ...page.rows] : page.rows));
      setCursor(() => page.nextCursor);
    } catch (err) {
      setError(describeError(err));
    }
  };
  return { rows, more: () => !!cursor(), error, setError: (message) => setError(message), load };
}

/** A column's heading; a `hidden` one (a checkbox or actions column) is read to screen readers only. */
export type Column = string | { hidden: string };

/** A paged list in a table: its error, its rows (`empty` in their place when there are none), and Load more while there is a next page. */
export function PagedTable<Row>(props: { list: PagedList<Row>; columns: Column[]; empty: string; children: (row: Row) => JSX.Element }) {
  return (
    <>
      <Show when={props.list.error()}>
        <Alert>{props.list.error()}</Alert>
      </Show>
      <div class="table-wrap">
        <table class="frame-table">
          <thead>
            <tr>
              <For each={props.columns}>{(c) => <th scope="col">{typeof c === "string" ? c : <span class="sr-only">{c.hidden}</span>}</th>}</For>
            </tr>
          </thead>
          <tbody>
            <For
              each={props.list.rows()}
              fallback={
                <tr>
                  <td colSpan={props.columns.length} class="muted">
                    {props.empty}
                  </td>
                </tr>
              }
            >
              {(row) => props.children(row)}
            </For>
          </tbody>
        </table>
      </div>
      <Show when={props.list.more()}>
        <button type="button" class="btn btn-secondary btn-small" onClick={() => props.list.load(true)}>
          Load more
        </button>
      </Show>
    </>
  );
}
