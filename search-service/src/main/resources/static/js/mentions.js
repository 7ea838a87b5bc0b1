// The list of every mention the search matches over the period: a page at a time with a
// "Show more" that reaches the last, newest or widest reach first, near-duplicates folded
// or not, narrowed by facets whose counts sit beside it, each result with its actions.

import { getJson } from './api.js';
import { byId, element, mentionItem, plural } from './dom.js';
import { addHandling, departmentNames } from './handling.js';
import { FACETS, filterParams, state } from './state.js';

export const PAGE_SIZE = 20;

const FACET_TITLES = {
	owned: 'Who said it', sentiment: 'Sentiment', source: 'Source', topic: 'Topic', department: 'Department',
	competitor: 'Competitor', language: 'Language'
};

const FACET_ORDER = ['owned', 'sentiment', 'source', 'topic', 'department', 'competitor', 'language'];

const languages = (() => {
	try {
		return new Intl.DisplayNames(['en'], { type: 'language' });
	}
	catch (unsupported) {
		return null;
	}
})();

export const names = { topics: {}, competitors: {} };

let nextCursor = null;

let shown = 0;

let onChange = () => {};

let onActed = () => {};

export function configure(changed, acted) {
	onChange = changed;
	onActed = acted;
}

function label(facet, key) {
	switch (facet) {
		case 'owned':
			return key === 'true' ? 'Said by us' : 'Said by others';
		case 'sentiment':
			return key.charAt(0).toUpperCase() + key.slice(1);
		case 'topic':
			return names.topics[key] || key;
		case 'department':
			return departmentNames[key] || key;
		case 'competitor':
			return names.competitors[key] || key;
		case 'language': {
			const name = languages ? languages.of(key) : null;
			return name && name !== key ? name : key;
		}
		default:
			return key;
	}
}

function isActive(facet, key) {
	if (facet === 'owned') {
		return state.owned === key;
	}
	if (facet === 'topic' || facet === 'department') {
		return state[facet] === key;
	}
	return state.facets[facet].includes(key);
}

// Narrow by a facet's value, or widen again when it narrows already.
export function toggle(facet, key) {
	if (facet === 'owned') {
		state.owned = state.owned === key ? '' : key;
	}
	else if (facet === 'topic' || facet === 'department') {
		state[facet] = state[facet] === key ? '' : key;
	}
	else {
		const values = state.facets[facet];
		state.facets[facet] = values.includes(key) ? values.filter((value) => value !== key) : values.concat([key]);
	}
	onChange();
}

function drawFacets(answer) {
	const container = byId('facets');
	container.replaceChildren();
	FACET_ORDER.forEach((facet) => {
		const counts = (answer.facets[facet] || []).filter((count) => count.count > 0 || isActive(facet, count.key));
		if (!counts.length) {
			return;
		}
		const group = element('section', { class: 'facet', 'data-facet': facet });
		group.appendChild(element('h3', {}, FACET_TITLES[facet]));
		const list = element('ul');
		counts.forEach((count) => {
			const active = isActive(facet, count.key);
			const button = element('button', { type: 'button', class: 'facet-value', 'data-facet': facet,
				'data-key': count.key, 'aria-pressed': active ? 'true' : 'false',
				title: (active ? 'Show all again' : 'Show only these') });
			button.appendChild(element('span', { class: 'facet-label' }, label(facet, count.key)));
			button.appendChild(element('span', { class: 'facet-count' }, String(count.count)));
			button.addEventListener('click', () => toggle(facet, count.key));
			const item = element('li');
			item.appendChild(button);
			list.appendChild(item);
		});
		group.appendChild(list);
		container.appendChild(group);
	});
	if (!container.children.length) {
		container.appendChild(element('p', { class: 'muted' }, 'Nothing to narrow by'));
	}
}

// The active narrowings, each with a way to take it back.
function drawChips() {
	const chips = byId('chips');
	chips.replaceChildren();
	const active = [];
	FACETS.forEach((facet) => state.facets[facet].forEach((key) => active.push([facet, key])));
	if (state.owned) {
		active.push(['owned', state.owned]);
	}
	if (state.question) {
		active.push(['question', state.question]);
	}
	active.forEach(([facet, key]) => {
		const text = facet === 'question' ? (key === 'true' ? 'Questions' : 'No questions')
			: FACET_TITLES[facet] + ': ' + label(facet, key);
		const chip = element('button', { type: 'button', class: 'chip', 'data-facet': facet, 'data-key': key,
			title: 'Remove this filter' }, text + ' ×');
		chip.addEventListener('click', () => {
			if (facet === 'question') {
				state.question = '';
				onChange();
			}
			else {
				toggle(facet, key);
			}
		});
		chips.appendChild(chip);
	});
	chips.hidden = !active.length;
}

export async function loadFacets() {
	drawChips();
	drawFacets(await getJson('/api/mentions/facets?' + filterParams()));
}

function listParams() {
	const params = filterParams();
	params.set('size', String(PAGE_SIZE));
	if (state.sort !== 'newest') {
		params.set('sort', state.sort);
	}
	if (state.collapse) {
		params.set('collapse', 'true');
	}
	return params;
}

export function exportLink(format) {
	const params = filterParams();
	params.set('format', format);
	if (state.sort !== 'newest') {
		params.set('sort', state.sort);
	}
	return '/api/mentions/export?' + params;
}

function resultItem(found) {
	const item = mentionItem(found.mention, found.highlights);
	if (found.copies && found.copies > 1) {
		item.querySelector('.meta').appendChild(element('span', { class: 'badge copies',
			title: 'Near-duplicates folded into this one' }, plural(found.copies, 'copy', 'copies')));
	}
	addHandling(item, found, () => onActed(), (message) => showListError(message));
	return item;
}

function showListError(message) {
	const error = byId('results-error');
	error.textContent = message;
	error.hidden = !message;
}

function drawStatus(total) {
	byId('search-status').textContent = total + (total === 1 ? ' mention matches' : ' mentions match')
		+ (state.q ? ' “' + state.q + '”' : '') + (total ? ' · showing ' + (shown ? '1–' + shown : 'none') : '');
}

// The first page of the list, or the next one under those shown.
export async function loadResults(more) {
	const results = byId('results');
	const params = listParams();
	if (more) {
		if (!nextCursor) {
			return;
		}
		params.set('cursor', nextCursor);
	}
	showListError('');
	const button = byId('more');
	button.disabled = true;
	try {
		const page = await getJson('/api/mentions?' + params);
		if (!more) {
			results.replaceChildren();
			shown = 0;
		}
		page.mentions.forEach((found) => results.appendChild(resultItem(found)));
		shown += page.mentions.length;
		if (!shown) {
			results.appendChild(element('li', { class: 'empty' }, 'No mention matches'));
		}
		nextCursor = page.nextCursor || null;
		button.hidden = !nextCursor;
		drawStatus(page.total);
		byId('export-csv').href = exportLink('csv');
		byId('export-ndjson').href = exportLink('ndjson');
	}
	finally {
		button.disabled = false;
	}
}
