// A field's error in plain words, placed beside it; the field names it in
// aria-describedby, so a screen reader reads it when focus lands there.
import { Show } from "solid-js";

export function FieldError(props: { id: string; text: string | undefined }) {
  return (
    <Show when={props.text}>
      <p class="field-error" id={props.id}>
        {props.text}
      </p>
    </Show>
  );
}
