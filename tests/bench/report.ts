/**
 * The benchmark's results: each printed as it comes, then all of them in one table. A result
 * is a measured figure beside its ceiling (or target), the ratio where there is one, and
 * whether it meets it.
 */
export interface Result {
	/** e.g. "3. Reports (sqlite): gradebook" */
	target: string;
	/** what was measured, with its unit: "12.3 ms median (p95 15.1 ms) at 1 M answers" */
	figure: string;
	/** what it must stay within, or reach: "≤ 1.5 × the time at 10 k" */
	ceiling: string;
	ratio?: number;
	ok: boolean;
}

const line = (r: Result) =>
	`${r.ok ? 'PASS' : 'FAIL'}  ${r.target}: ${r.figure}; ceiling ${r.ceiling}${r.ratio === undefined ? '' : `; ratio ${r.ratio.toFixed(2)}`}`;

export class Report {
	readonly results: Result[] = [];

	add(...results: Result[]): void {
		for (const r of results) {
			this.results.push(r);
			console.log(line(r));
		}
	}

	get failed(): Result[] {
		return this.results.filter((r) => !r.ok);
	}

	/** A plain-text table, one row per result. */
	table(): string {
		const head = ['', 'target', 'figure', 'ceiling', 'ratio'];
		const rows = this.results.map((r) => [r.ok ? 'PASS' : 'FAIL', r.target, r.figure, r.ceiling, r.ratio === undefined ? '' : r.ratio.toFixed(2)]);
		const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
		const fmt = (row: string[]) => row.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
		return [fmt(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(fmt)].join('\n');
	}
}

/** What every target gets from the runner. */
export interface BenchContext {
	/** a temp folder of this run, removed at the end */
	tmp: string;
	/** the admin URL of a throwaway PostgreSQL cluster (started on first call, stopped at the end) */
	pgAdminUrl(): Promise<string>;
	log(message: string): void;
}

export type Target = (ctx: BenchContext) => Promise<Result[]>;

/** Milliseconds at a quantile (0..1) of a list of timings, nearest-rank. */
export function quantile(ms: readonly number[], q: number): number {
	const sorted = [...ms].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}
