// The invite list as the person types or pastes it: split on commas, semicolons, spaces and line
// breaks (seed 003: "a comma-delimited list"), de-duplicated case-insensitively. The shape check
// here only colours a chip; the server's per-address result is what counts.
export interface Chip { email: string; looksValid: boolean }

const SHAPE = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/;

export function addChips(existing: Chip[], text: string): Chip[] {
  const seen = new Set(existing.map((c) => c.email.toLowerCase()));
  const out = [...existing];
  for (const raw of text.split(/[,;\s]+/)) {
    const email = raw.trim();
    if (!email || seen.has(email.toLowerCase())) continue;
    seen.add(email.toLowerCase());
    out.push({ email, looksValid: SHAPE.test(email) });
  }
  return out;
}
