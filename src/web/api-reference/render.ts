// GET /docs: the API reference, rendered on the server from the same OpenAPI document that
// /v1/openapi.json serves. Plain HTML and one stylesheet: no script, nothing fetched from elsewhere,
// readable by screen readers and on a phone, and it cannot drift from the routes.
import { html, page, type Markup } from '../html.ts';
import { describeType, fields, type Schema } from './schema.ts';

interface Parameter { name: string; in: 'path' | 'query'; required: boolean; schema: Schema }
interface Response { $ref?: string; description?: string; content?: Record<string, { schema?: Schema }> }
interface Operation {
  operationId: string;
  summary: string;
  tags: string[];
  security?: unknown[];
  parameters: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, Response>;
}
export interface OpenApiDocument {
  info: { title: string; version: string };
  tags: { name: string }[];
  paths: Record<string, Record<string, Operation>>;
}

interface Entry { method: string; path: string; op: Operation }

const anchor = (tag: string) => `tag-${tag}`;

function parameters(list: Parameter[]): Markup {
  if (!list.length) return html``;
  return html`<table>
<caption>Parameters</caption>
<thead><tr><th scope="col">name</th><th scope="col">in</th><th scope="col">value</th></tr></thead>
<tbody>${list.map((p) => html`<tr><th scope="row"><code>${p.name}</code>${p.required ? html` <span class="required">required</span>` : ''}</th><td>${p.in}</td><td>${describeType(p.schema)}</td></tr>`)}</tbody>
</table>`;
}

function body(schema: Schema | undefined, mediaType: string): Markup {
  if (!schema) return html``;
  return html`<p><code>${mediaType}</code>: ${describeType(schema)}</p>${fields(schema)}`;
}

function responses(all: Record<string, Response>): Markup {
  const problems = Object.entries(all).filter(([, r]) => r.$ref).map(([status]) => status);
  const answers = Object.entries(all).filter(([, r]) => !r.$ref);
  return html`<h4>Answers</h4>
<dl class="answers">${answers.map(([status, r]) => {
    const [mediaType, content] = Object.entries(r.content ?? {})[0] ?? [];
    const others = Object.keys(r.content ?? {}).slice(1);
    return html`<div><dt>${status}</dt><dd>${r.description}${others.length ? html` (also as ${others.join(', ')})` : ''}${content?.schema && Object.keys(content.schema).length ? body(content.schema, mediaType!) : ''}</dd></div>`;
  })}${problems.length ? html`<div><dt>${problems.join(', ')}</dt><dd><a href="#problems">problem details</a></dd></div>` : ''}</dl>`;
}

function operation({ method, path, op }: Entry): Markup {
  const request = op.requestBody ? Object.entries(op.requestBody.content)[0] : undefined;
  return html`<article id="${op.operationId}" aria-labelledby="${op.operationId}-title">
<h3 id="${op.operationId}-title"><span class="method method-${method}">${method.toUpperCase()}</span> <code>${path}</code></h3>
<p>${op.summary}</p>
<p class="meta">operationId <code>${op.operationId}</code> · ${op.security ? 'needs an API key or session token' : 'no credential'}</p>
${parameters(op.parameters)}
${request ? html`<h4>Request body</h4>${body(request[1].schema, request[0])}` : ''}
${responses(op.responses)}
</article>`;
}

export function renderReference(doc: OpenApiDocument): string {
  const entries: Entry[] = Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ method, path, op })));
  const byTag = doc.tags.map(({ name }) => ({ name, entries: entries.filter((e) => e.op.tags[0] === name) }));
  return page({
    title: `${doc.info.title} — reference`,
    body: html`<header class="top">
<p class="title">${doc.info.title} <small>${doc.info.version}</small></p>
<p><a href="/v1/openapi.json">OpenAPI document</a></p>
</header>
<div class="reference">
<nav aria-label="Operations">
<h2>Operations</h2>
<ul>${byTag.map((t) => html`<li><a href="#${anchor(t.name)}">${t.name}</a><ul>${t.entries.map((e) => html`<li><a href="#${e.op.operationId}"><span class="method method-${e.method}">${e.method.toUpperCase()}</span> ${e.path}</a></li>`)}</ul></li>`)}</ul>
</nav>
<main id="main">
<h1>API reference</h1>
<p>Every operation of the admin API, generated from the route declarations that also validate each request. A typed TypeScript client is generated from the same document (<code>client/</code> in the repository).</p>
<p>Calls that need a credential take <code>Authorization: Bearer &lt;API key or session token&gt;</code>. A path with <code>{org}</code> takes the organization's slug or id, and only the credential's own organization: any other answers 404.</p>
<section id="problems" aria-labelledby="problems-title">
<h2 id="problems-title">Errors</h2>
<p>Errors are RFC 9457 problem details (<code>application/problem+json</code>): <code>type</code>, <code>title</code>, <code>status</code>, <code>detail</code>, the <code>requestId</code> to quote in a report, and <code>errors</code>, a list of <code>{ field, reason }</code> naming every field at fault.</p>
</section>
${byTag.map((t) => html`<section id="${anchor(t.name)}" aria-labelledby="${anchor(t.name)}-title">
<h2 id="${anchor(t.name)}-title">${t.name}</h2>
${t.entries.map(operation)}
</section>`)}
</main>
</div>`,
  });
}
