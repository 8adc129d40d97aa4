// A small element builder: the webview's CSP forbids inline styles and scripts, so markup is made
// with DOM calls, styled by classes in media/viewer.css, never by HTML strings with style="".
type Attributes = Readonly<Record<string, string | number | boolean | undefined>>;

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  attributes: Attributes = {},
  children: readonly (Node | string)[] = [],
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    node.setAttribute(name, value === true ? '' : String(value));
  }
  node.append(...children);
  return node;
}

/**
 * A button with a visible text and a description of what it does (its tooltip). The accessible name
 * starts with the visible text and goes on with the description ("Worst: Go to the slice with the
 * lowest Dice"), so a voice user's "click Worst" finds it (WCAG 2.5.3) and a screen reader still
 * hears what it does.
 */
export function button(text: string, description: string, onClick: () => void, className = 'mi-button'): HTMLButtonElement {
  const b = el('button', className, { type: 'button', 'aria-label': accessibleName(text, description), title: description }, [text]);
  b.addEventListener('click', onClick);
  return b;
}

/** `text`, then `description` unless the description already opens with the text. */
export function accessibleName(text: string, description: string): string {
  return description.toLowerCase().startsWith(text.toLowerCase()) ? description : `${text}: ${description}`;
}

/** Formats counts with thin-space thousands separators: 1 234 567. */
export function formatCount(n: number): string {
  return Math.round(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '\u2009');
}

/** Formats a number for the readout with a precision that suits its magnitude. */
export function formatNumber(v: number, digits = 4): string {
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v)) return String(v);
  return Number(v.toPrecision(digits)).toString();
}

/** A labelled group of controls (announced as one group by screen readers). */
export function group(label: string, children: readonly Node[]): HTMLElement {
  return el('div', 'mi-group', { role: 'group', 'aria-label': label }, children);
}
