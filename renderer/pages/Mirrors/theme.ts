/** Calls `onChange` whenever the app's theme (data-theme on <html>) changes; returns the stop function. */
export function watchTheme(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  return () => observer.disconnect();
}

/** A CSS custom property's value where `element` sits (the theme's colours live in variables). */
export function cssVar(element: Element, name: string): string {
  return getComputedStyle(element).getPropertyValue(name).trim();
}
