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
