// jsdom lacks a few browser APIs that Designsystemet's web components use when they load.
// Import this first in component tests (before anything that imports @digdir/designsystemet-react).

if (typeof globalThis.CSS === 'undefined') {
  (globalThis as { CSS?: unknown }).CSS = {};
}
if (typeof globalThis.CSS.escape !== 'function') {
  // Enough for the ids and attribute values used in tests.
  globalThis.CSS.escape = (value: string) => value.replace(/[^a-zA-Z0-9_\u00A0-\uFFFF-]/g, (char) => `\\${char}`);
}

// Spinner (used by Button's loading state) synchronises its animation through the Web Animations API.
if (typeof document !== 'undefined' && typeof document.getAnimations !== 'function') {
  document.getAnimations = () => [];
}
