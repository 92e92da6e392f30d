/**
 * An ordering question with JavaScript: Move up / Move down buttons reorder the list, a position
 * list moves its item there, and every position list follows, so the form posts the same fields
 * as without JavaScript (where each item's position is chosen by hand). Each move is announced.
 */
export function ordering(list: HTMLElement): void {
	const moves = list.querySelectorAll<HTMLElement>('.moves');
	// graded: the order stays as answered
	if (!moves.length) return;
	for (const m of moves) m.hidden = false;
	const hint = list.previousElementSibling;
	hint?.querySelector<HTMLElement>('[data-without-js]')?.setAttribute('hidden', '');
	hint?.querySelector<HTMLElement>('[data-with-js]')?.removeAttribute('hidden');
	const announce = list.nextElementSibling as HTMLElement | null;
	const items = () => [...list.children] as HTMLElement[];

	function sync() {
		const all = items();
		all.forEach((li, i) => {
			li.querySelector('select')!.value = String(i + 1);
			li.querySelector<HTMLButtonElement>('[data-move="up"]')!.disabled = i === 0;
			li.querySelector<HTMLButtonElement>('[data-move="down"]')!.disabled = i === all.length - 1;
		});
	}

	function moveTo(li: HTMLElement, to: number, focus?: string) {
		const all = items();
		const from = all.indexOf(li);
		if (to < 0 || to >= all.length || to === from) return sync();
		list.insertBefore(li, all[to + (to > from ? 1 : 0)] ?? null);
		sync();
		if (announce) announce.textContent = `${li.querySelector('.text')!.textContent}: now in position ${to + 1} of ${all.length}.`;
		if (!focus) return;
		const button = li.querySelector<HTMLButtonElement>(`[data-move="${focus}"]`)!;
		(button.disabled ? li.querySelector('select')! : button).focus();
	}

	list.addEventListener('click', (e) => {
		const button = (e.target as Element).closest<HTMLButtonElement>('button[data-move]');
		if (!button) return;
		const li = button.closest('li')!;
		const move = button.dataset.move!;
		moveTo(li, items().indexOf(li) + (move === 'up' ? -1 : 1), move);
	});
	list.addEventListener('change', (e) => {
		const select = e.target as HTMLSelectElement;
		moveTo(select.closest('li')!, Number(select.value) - 1);
	});
}
