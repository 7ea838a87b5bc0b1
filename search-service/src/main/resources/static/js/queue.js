// The queue a department works from: what waits for an answer, most urgent first (and
// why), narrowed by state, topic, source, sentiment, reach and questions; several at
// once assigned or dismissed; what was answered, and by whom.

import { getJson, postJson } from './api.js';
import { byId, duration, element, mentionItem, plural } from './dom.js';
import { addHandling, field } from './handling.js';
import { range } from './state.js';

const PAGE_SIZE = 20;

let nextCursor = null;

let onActed = () => {};

export function configure(acted) {
	onActed = acted;
}

export function showQueueError(message) {
	const error = byId('queue-error');
	error.textContent = message;
	error.hidden = !message;
}

function queueParams() {
	const params = new URLSearchParams();
	[['department', 'queue-department'], ['state', 'queue-state'], ['topic', 'queue-topic'],
		['source', 'queue-source'], ['sentiment', 'queue-sentiment'], ['minReach', 'queue-min-reach'],
		['question', 'queue-question']].forEach(([name, id]) => {
		const value = byId(id).value.trim();
		if (value) {
			params.set(name, value);
		}
	});
	return params;
}

function selected() {
	return Array.from(document.querySelectorAll('#queue-open input.pick:checked')).map((box) => box.value);
}

function drawSelection() {
	const picked = selected();
	byId('bulk-count').textContent = picked.length ? plural(picked.length, 'mention', 'mentions') + ' chosen'
		: 'Choose mentions to act on several at once';
	byId('bulk').querySelectorAll('button').forEach((button) => {
		button.disabled = !picked.length;
	});
	const boxes = document.querySelectorAll('#queue-open input.pick');
	const all = byId('queue-select-all');
	all.checked = boxes.length > 0 && picked.length === boxes.length;
	all.indeterminate = picked.length > 0 && picked.length < boxes.length;
}

function openItem(found) {
	const item = mentionItem(found.mention, []);
	const pick = element('input', { type: 'checkbox', class: 'pick', value: found.mention.id,
		'aria-label': 'Choose this mention' });
	pick.addEventListener('change', drawSelection);
	item.querySelector('.meta').prepend(pick);
	if (found.urgency) {
		item.appendChild(element('p', { class: 'urgency', title: 'Urgency ' + found.urgency.score.toFixed(1) },
			'Urgent because: ' + (found.urgency.reasons.length ? found.urgency.reasons.join(' · ') : 'nothing in particular')));
	}
	addHandling(item, found, () => onActed(), showQueueError);
	return item;
}

function answeredItem(found) {
	const item = mentionItem(found.mention, []);
	addHandling(item, found, () => onActed(), showQueueError);
	return item;
}

async function loadOpen(more) {
	const params = queueParams();
	params.set('size', String(PAGE_SIZE));
	if (more) {
		params.set('cursor', nextCursor);
	}
	const page = await getJson('/api/handling?' + params);
	const list = byId('queue-open');
	if (!more) {
		list.replaceChildren();
	}
	page.mentions.forEach((found) => list.appendChild(openItem(found)));
	if (!list.children.length) {
		list.appendChild(element('li', { class: 'empty' }, 'Nothing waits for an answer'));
	}
	nextCursor = page.nextCursor || null;
	byId('queue-more').hidden = !nextCursor;
	byId('queue-total').textContent = plural(page.total, 'mention', 'mentions') + ' in this queue';
	drawSelection();
}

export async function loadQueue() {
	showQueueError('');
	const department = byId('queue-department').value;
	const byDepartment = new URLSearchParams();
	if (department) {
		byDepartment.set('department', department);
	}
	const period = range();
	const summaryParams = new URLSearchParams(byDepartment);
	summaryParams.set('from', period.from);
	summaryParams.set('to', period.to);
	const answeredParams = new URLSearchParams(byDepartment);
	answeredParams.set('state', 'answered');
	answeredParams.set('size', '10');
	try {
		const [answered, summary] = await Promise.all([getJson('/api/handling?' + answeredParams),
			getJson('/api/handling/summary?' + summaryParams), loadOpen(false)]);
		const list = byId('queue-answered');
		list.replaceChildren();
		if (!answered.mentions.length) {
			list.appendChild(element('li', {}, 'Nothing answered yet'));
		}
		answered.mentions.forEach((found) => list.appendChild(answeredItem(found)));
		byId('queue-figures').textContent = summary.open + ' waiting'
			+ (summary.open ? ', the longest for ' + duration(summary.longestWaitSeconds) + ', half of them for '
				+ duration(summary.medianWaitSeconds) + ' or more' : '')
			+ ' · in the period: ' + summary.answered + ' answered, ' + summary.dismissed + ' dismissed, '
			+ summary.escalated + ' escalated';
		const who = byId('answered-by');
		who.replaceChildren();
		if (!summary.answeredBy.length) {
			who.appendChild(element('li', {}, 'No answers in the period'));
		}
		summary.answeredBy.forEach((count) => {
			const entry = element('li', { 'data-actor': count.actor });
			entry.appendChild(element('span', { class: 'actor' }, count.actor));
			entry.appendChild(element('span', { class: 'count' }, plural(count.count, 'answer', 'answers')));
			who.appendChild(entry);
		});
	}
	catch (error) {
		showQueueError(error.message);
	}
}

async function actOnChosen(action, body) {
	const picked = selected();
	if (!picked.length) {
		return;
	}
	const error = byId('bulk-error');
	error.hidden = true;
	try {
		const answer = await postJson('/api/mentions/actions', Object.assign({ mentions: picked, action: action }, body));
		const refused = answer.results.filter((result) => result.problem);
		if (refused.length) {
			const done = answer.results.length - refused.length;
			error.textContent = (done === 1 ? '1 mention was ' : done + ' mentions were ')
				+ (action === 'assign' ? 'assigned' : 'dismissed') + '; not '
				+ refused.map((result) => result.mentionId + ' (' + result.problem.detail + ')').join(', ');
			error.hidden = false;
		}
		await onActed();
	}
	catch (failure) {
		error.textContent = failure.message;
		error.hidden = false;
	}
}

export function setUpQueue(departments, topics, sources) {
	['queue-department'].forEach((id) => departments.forEach((department) =>
		byId(id).appendChild(element('option', { value: department.id }, department.name))));
	topics.forEach((topic) => byId('queue-topic').appendChild(element('option', { value: topic.id }, topic.name)));
	sources.forEach((source) => byId('queue-source').appendChild(element('option', { value: source }, source)));
	byId('queue-filters').addEventListener('change', () => loadQueue());
	byId('queue-more').addEventListener('click', () => loadOpen(true).catch((error) => showQueueError(error.message)));
	byId('queue-select-all').addEventListener('change', (event) => {
		document.querySelectorAll('#queue-open input.pick').forEach((box) => {
			box.checked = event.target.checked;
		});
		drawSelection();
	});
	const assign = byId('bulk-assign');
	assign.prepend(field('assignee'));
	assign.prepend(field('department'));
	assign.addEventListener('submit', (event) => {
		event.preventDefault();
		const body = {};
		['department', 'assignee'].forEach((name) => {
			const value = assign.elements[name].value.trim();
			if (value) {
				body[name] = value;
			}
		});
		actOnChosen('assign', body);
	});
	const dismiss = byId('bulk-dismiss');
	dismiss.prepend(field('reason'));
	dismiss.addEventListener('submit', (event) => {
		event.preventDefault();
		actOnChosen('dismiss', { reason: dismiss.elements.reason.value.trim() });
	});
	drawSelection();
}
