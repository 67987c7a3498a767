// Query plans of the statements the service really runs. `explaining(db)` is the service's knex,
// except that each raw statement is first explained, then run: its estimated plan (EXPLAIN), then
// its executed plan (EXPLAIN ANALYZE, in a savepoint rolled back so the statement's effect happens
// once, when it really runs). Plans are judged by their shape and by the rows their nodes touched,
// never by time (no timing assertion in tests).
import type { Knex } from 'knex';

export interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Join Filter'?: string;
  'Plan Rows': number;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Join Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  Plans?: PlanNode[];
}

export interface Explained {
  sql: string;
  /** Rows produced or looked at by every node, times its loops: the statement's work. */
  work: number;
  plan: PlanNode;
  /** How long the statement itself took (for reading by people; never asserted). */
  ms: number;
}

const nodes = (p: PlanNode): PlanNode[] => [p, ...(p.Plans ?? []).flatMap(nodes)];

export function workOf(plan: PlanNode): number {
  return nodes(plan).reduce((sum, n) => sum + ((n['Actual Rows'] ?? 0) + (n['Rows Removed by Filter'] ?? 0)
    + (n['Rows Removed by Join Filter'] ?? 0) + (n['Rows Removed by Index Recheck'] ?? 0)) * (n['Actual Loops'] ?? 1), 0);
}

/**
 * What makes a statement's cost depend on estimates rather than on its input: a full scan of a
 * directory table, or a nested loop that rescans a list (an unnest, a materialised or scanned
 * table) once per outer row, which is quadratic whenever the planner underestimates the outer side.
 */
export function planTraps(plan: PlanNode, bigTables: string[]): string[] {
  const traps: string[] = [];
  for (const n of nodes(plan)) {
    if (n['Node Type'] === 'Seq Scan' && bigTables.includes(n['Relation Name'] ?? '')) traps.push(`Seq Scan on ${n['Relation Name']}`);
    if (n['Node Type'] === 'Nested Loop' && n.Plans?.[1] && rescansAFixedSet(n, n.Plans[1])) {
      const inner = n.Plans[1];
      traps.push(`Nested Loop rescanning ${inner['Node Type']}${inner['Relation Name'] ? ` on ${inner['Relation Name']}` : ''} (estimated outer rows ${n.Plans[0]!['Plan Rows']})`);
    }
  }
  return traps;
}

/**
 * An inner side that yields the same rows on every loop: a scanned or materialised table, or a
 * function scan (the request's list) matched to the outer row by a join filter. A function scan
 * computed from the outer row (`unnest(array(subquery))`, no join filter) is a keyed lookup per row.
 */
function rescansAFixedSet(loop: PlanNode, inner: PlanNode): boolean {
  if (inner['Node Type'] === 'Seq Scan' || inner['Node Type'] === 'Materialize') return true;
  return inner['Node Type'] === 'Function Scan' && loop['Join Filter'] !== undefined;
}

export class PlanTrap extends Error {}
const ROLLBACK = new Error('rollback after EXPLAIN ANALYZE');

/**
 * `db` for the service, explaining every raw statement into `out`. A statement whose estimated plan
 * falls into a trap (for the tables in `bigTables`) is refused before it runs: on a quadratic plan
 * at 100,000 rows, running it would take hours.
 */
export function explaining(db: Knex, out: Explained[], bigTables: string[]): Knex {
  const explainRaw = (q: Knex | Knex.Transaction, inTx: boolean) => async (sql: string, bindings?: readonly unknown[]) => {
    const b = (bindings ?? []) as Knex.RawBinding[];
    const [estimated] = (await q.raw(`explain (format json) ${sql}`, b)).rows[0]['QUERY PLAN'] as { Plan: PlanNode }[];
    const traps = planTraps(estimated!.Plan, bigTables);

    if (traps.length) throw new PlanTrap(`${traps.join('; ')}\n  in: ${sql.replace(/\s+/g, ' ').slice(0, 300)}`);
    const analyze = async (t: Knex | Knex.Transaction) => (await t.raw(`explain (analyze, timing off, format json) ${sql}`, b)).rows[0]['QUERY PLAN'][0].Plan as PlanNode;
    let plan: PlanNode;
    if (inTx) {
      await q.raw('savepoint explaining');
      plan = await analyze(q);
      await q.raw('rollback to savepoint explaining');
    } else {
      let p: PlanNode | undefined;
      await db.transaction(async (t) => {
        p = await analyze(t);
        throw ROLLBACK;
      }).catch((err: unknown) => { if (err !== ROLLBACK) throw err; });
      plan = p!;
    }
    const t0 = performance.now();
    const result = await q.raw(sql, b);
    out.push({ sql, plan, work: workOf(plan), ms: Math.round(performance.now() - t0) });
    return result;
  };
  const wrapTx = (tx: Knex.Transaction): Knex.Transaction => new Proxy(tx, {
    get: (target, key, receiver) => (key === 'raw' ? explainRaw(target, true) : Reflect.get(target, key, receiver)),
  });
  return new Proxy(db, {
    get: (target, key, receiver) => {
      if (key === 'raw') return explainRaw(target, false);
      if (key === 'transaction') return (work: (tx: Knex.Transaction) => Promise<unknown>) => target.transaction((tx) => work(wrapTx(tx)));
      return Reflect.get(target, key, receiver);
    },
  });
}
