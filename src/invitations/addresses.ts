// The address list of an invitation request (seed 003: "a comma-delimited list"): split, trimmed,
// de-duplicated case-insensitively (the first spelling wins), and checked one by one.
import { z } from 'zod';

const address = z.email({ error: 'is not a valid email address' }).max(320, 'is longer than 320 characters');

/** One entry per distinct address, in the order given; `reason` says why an address is invalid. */
export interface ParsedAddress {
  email: string;
  reason: string | null;
}

export function parseAddresses(list: string): ParsedAddress[] {
  const seen = new Set<string>();
  const out: ParsedAddress[] = [];
  // Commas per the seed; semicolons and line breaks too, as pasted from mail clients and spreadsheets.
  for (const raw of list.split(/[,;\r\n]+/)) {
    const email = raw.trim();
    if (!email) continue;
    const key = email.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    const checked = address.safeParse(email);
    out.push({ email, reason: checked.success ? null : (checked.error.issues[0]?.message ?? 'is not a valid email address') });
  }
  return out;
}
