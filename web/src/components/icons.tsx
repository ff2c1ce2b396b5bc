// Line icons drawn as inline SVG, so they render the same on every machine
// (emoji fonts are not everywhere) and stay decorative for screen readers.
const PATHS = {
  film: "M4 5h16v14H4zM8 5v14M16 5v14M4 9h4M4 15h4M16 9h4M16 15h4",
  frames: "M3 5h8v6H3zM13 5h8v6h-8zM3 13h8v6H3zM13 13h8v6h-8z",
  chat: "M4 5h16v11H9l-5 4z",
  project: "M3 7h6l2 2h10v10H3z",
} as const;

export function Icon(props: { name: keyof typeof PATHS; size?: number }) {
  return (
    <svg
      class="icon"
      width={props.size ?? 32}
      height={props.size ?? 32}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      stroke-width="1.6"
      stroke-linejoin="round"
      stroke-linecap="round"
      aria-hidden="true"
    >
      <path d={PATHS[props.name]} />
    </svg>
  );
}
