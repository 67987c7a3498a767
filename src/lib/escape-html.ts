/** Text → HTML text: the five characters that could open markup or end an attribute become references. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
