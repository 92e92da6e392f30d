/**
 * The citolab QTI 3 player (@citolab/qti-components, its browser bundle) in a chromium page:
 * exported items are loaded into it, given responses, and scored by its own response processing.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { PlayCase } from './qti-cases';

const BUNDLE = 'node_modules/@citolab/qti-components/cdn/index.global.js';
/** the player's own look for items */
const THEME = 'node_modules/@citolab/qti-components/dist/item.css';

export interface PlayItem {
	id: string;
	xml: string;
	cases: PlayCase[];
}

export interface Played {
	id: string;
	what: string;
	outcome: string;
	want: number;
	/** the outcome's value after response processing, as the player holds it */
	got: string | null;
}

/** A blank page with the player's custom elements defined and its theme applied. */
export async function openPlayer(page: Page): Promise<void> {
	await page.setContent('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>QTI 3 player</title></head><body><main id="stage"></main></body></html>');
	await page.addStyleTag({ content: `${readFileSync(THEME, 'utf8')}\nbody { font-family: sans-serif; margin: 1rem; }` });
	await page.addScriptTag({ content: readFileSync(BUNDLE, 'utf8') });
	await page.waitForFunction(() => customElements.get('qti-assessment-item') !== undefined);
}

/**
 * Loads each item into the page (the player's own transform from XML), plays its cases one after
 * another and reads the outcome; each item is removed again unless `keep` names it.
 */
export async function play(page: Page, items: PlayItem[], keep?: string): Promise<Played[]> {
	return page.evaluate(
		async ({ items, keep }) => {
			interface Item extends HTMLElement {
				updateComplete: Promise<unknown>;
				updateResponseVariable(id: string, value: string | string[]): void;
				resetResponses(): void;
				processResponse(): boolean;
				getOutcome(id: string): { value: string | string[] | null } | undefined;
			}
			const qti = (window as unknown as { QtiComponents: { qtiTransformItem(): { parse(xml: string): { htmlDoc(): DocumentFragment } } } }).QtiComponents;
			const stage = document.getElementById('stage')!;
			const out: Played[] = [];
			for (const it of items) {
				stage.replaceChildren(qti.qtiTransformItem().parse(it.xml).htmlDoc());
				const item = stage.querySelector('qti-assessment-item') as Item;
				await item.updateComplete;
				// the interactions register their responses with the item once rendered
				await Promise.all([...item.querySelectorAll('[response-identifier]')].map((e) => (e as Partial<Item>).updateComplete));
				for (const c of it.cases) {
					item.resetResponses();
					for (const [id, value] of Object.entries(c.responses)) item.updateResponseVariable(id, value);
					item.processResponse();
					const v = item.getOutcome(c.outcome)?.value;
					out.push({ id: it.id, what: c.what, outcome: c.outcome, want: c.want, got: v === undefined || v === null ? null : String(v) });
				}
				if (it.id !== keep) stage.replaceChildren();
			}
			return out;
		},
		{ items, keep }
	);
}

/** Whether the player's value is the score we want (it holds numbers as strings). */
export const scored = (p: Played) => p.got !== null && Math.abs(Number(p.got) - p.want) < 1e-9;
