// Builds elements from text and nodes only, so nothing from the API or a person is ever parsed as HTML.

/** element('a', 'text', { href }), element('li', child) or element('p', ['text', child]). */
export function element(tag, content, attributes = {}) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    node.setAttribute(name, value);
  }

  if (content !== undefined && content !== null) {
    node.append(...[].concat(content).map((part) => (part instanceof Node ? part : String(part))));
  }

  return node;
}

/**
 * Makes a wide table's scrolling box reachable and named for keyboard and screen-reader users (at phone
 * widths it scrolls sideways): a focusable region labelled by its table's caption.
 */
export function keyboardScrollable(wrap) {
  const caption = wrap.querySelector('caption');
  wrap.setAttribute('tabindex', '0');
  wrap.setAttribute('role', 'region');
  if (caption) {
    caption.id ||= `${wrap.id || 'table'}-caption-${Math.random().toString(36).slice(2, 8)}`;
    wrap.setAttribute('aria-labelledby', caption.id);
  }

  return wrap;
}
