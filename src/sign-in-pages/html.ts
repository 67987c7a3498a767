// The frame of every page a person signing in sees: the organization's name, logo and accent
// colour, one stylesheet from this origin, and headers that keep the page to itself (a CSP with no
// script at all, no framing, no referrer: these pages carry sign-in state in their URLs).
import type { Response } from 'express';
import { escapeHtml } from '../mail/templates.ts';

export { escapeHtml };

export interface PageOrg {
  slug: string;
  name: string;
  logoUrl: string | null;
  /** The version of the branding, so the theme stylesheet is re-read when it changes. */
  brandingVersion: number;
}

export const CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export function page(org: PageOrg | null, title: string, body: string): string {
  const brand = org
    ? `<header class="org">${org.logoUrl ? `<img src="${escapeHtml(org.logoUrl)}" alt="${escapeHtml(org.name)} logo">` : ''}<span>${escapeHtml(org.name)}</span></header>`
    : '<header class="org"><span>Gatehouse</span></header>';
  const theme = org ? `<link rel="stylesheet" href="/branding/${encodeURIComponent(org.slug)}/theme.css?v=${org.brandingVersion}">` : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer"><title>${escapeHtml(title)}${org ? ` · ${escapeHtml(org.name)}` : ''}</title>
<link rel="stylesheet" href="/sign-in-assets/pages.css">${theme}</head>
<body><main>${brand}${body}</main></body></html>`;
}

export function sendPage(res: Response, status: number, html: string): void {
  res.status(status)
    .set({ 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Security-Policy': CSP, 'Referrer-Policy': 'no-referrer', 'X-Content-Type-Options': 'nosniff', 'X-Frame-Options': 'DENY' })
    .send(html);
}

/** WCAG 2 relative luminance of #rrggbb. */
function luminance(hex: string): number {
  const c = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * c[0]! + 0.7152 * c[1]! + 0.0722 * c[2]!;
}

/**
 * Text on the accent: white or black, whichever contrasts more. One of them always reaches 4.58:1
 * (√21, where both are equal), so every accent keeps WCAG AA; a softer black would not (#0077ee).
 */
export function textOn(accent: string): string {
  const l = luminance(accent);
  return 1.05 / (l + 0.05) >= (l + 0.05) / 0.05 ? '#ffffff' : '#000000';
}
