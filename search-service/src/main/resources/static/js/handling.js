// Who answers a mention: its handling line, the actions its state allows (assign,
// answer with the link, escalate, dismiss with a reason, reopen), and its history. The
// same for a result of a search and an item of a queue.

import { getJson, postJson } from './api.js';
import { byId, duration, element, isWebLink, link } from './dom.js';

export const departmentNames = {};

const STATES = {
	open: 'Open', assigned: 'Assigned', answered: 'Answered', escalated: 'Escalated',
	dismissed: 'Dismissed', reopened: 'Reopened'
};

const ACTIONS = {
	assign: { label: 'Assign', fields: ['department', 'assignee'], submit: 'Assign' },
	answer: { label: 'Answer', fields: ['answerUrl'], submit: 'Save answer' },
	escalate: { label: 'Escalate', fields: ['department', 'reason'], submit: 'Escalate' },
	dismiss: { label: 'Dismiss', fields: ['reason'], submit: 'Dismiss' },
	reopen: { label: 'Reopen', fields: ['reason'], submit: 'Reopen' }
};

const WAITING = ['open', 'assigned', 'escalated', 'reopened'];

// The actions a mention's state allows.
export function actionsFor(handling) {
	if (!handling) {
		return [];
	}
	return WAITING.includes(handling.state) ? ['assign', 'answer', 'escalate', 'dismiss'] : ['reopen'];
}

export function departmentList(ids) {
	return (ids || []).map((id) => departmentNames[id] || id).join(', ') || 'no department';
}

export function handlingLine(handling) {
	const line = element('p', { class: 'handling' });
	line.appendChild(element('span', { class: 'state state-' + handling.state }, STATES[handling.state] || handling.state));
	line.appendChild(element('span', { class: 'holder' }, departmentList(handling.departments)
		+ (handling.assignee ? ' · ' + handling.assignee : '')));
	if (handling.waitingSeconds !== undefined) {
		line.appendChild(element('span', { class: 'waiting', title: 'since it was published' },
			'waiting ' + duration(handling.waitingSeconds)));
	}
	if (handling.answeredBy) {
		line.appendChild(element('span', { class: 'answered-by' }, 'answered by ' + handling.answeredBy
			+ (handling.answeredAt ? ', ' + new Date(handling.answeredAt).toLocaleString() : '')));
	}
	if (isWebLink(handling.answerUrl)) {
		line.appendChild(link(handling.answerUrl, 'The answer'));
	}
	return line;
}

// Type-ahead for people: one list of suggestions, refreshed from /api/people as someone
// types a name; any other name may still be typed.
let peopleTimer = null;

export function suggestPeople(text) {
	clearTimeout(peopleTimer);
	peopleTimer = setTimeout(async () => {
		try {
			const answer = await getJson('/api/people?size=20&q=' + encodeURIComponent(text || ''));
			const list = byId('people');
			list.replaceChildren();
			answer.people.forEach((person) => {
				const label = [person.email && person.email !== person.name ? person.email : '',
					person.department ? departmentNames[person.department] || person.department : '']
					.filter((part) => part).join(' · ');
				list.appendChild(element('option', { value: person.name, label: label || undefined }));
			});
		}
		catch (error) {
			// Suggestions are a help: typing a name still works without them.
		}
	}, 150);
}

export function field(name) {
	if (name === 'department') {
		const select = element('select', { name: 'department' });
		select.appendChild(element('option', { value: '' }, 'Department…'));
		Object.entries(departmentNames).forEach(([id, label]) => select.appendChild(element('option', { value: id }, label)));
		const label = element('label', {}, 'Department ');
		label.appendChild(select);
		return label;
	}
	const attributes = {
		assignee: { name: 'assignee', type: 'text', placeholder: 'Person', autocomplete: 'off', list: 'people' },
		answerUrl: { name: 'answerUrl', type: 'url', placeholder: 'https://… link to the answer', required: '' },
		reason: { name: 'reason', type: 'text', placeholder: 'Why', autocomplete: 'off' }
	}[name];
	const label = element('label', {}, { assignee: 'Person ', answerUrl: 'Link to the answer ', reason: 'Reason ' }[name]);
	const input = element('input', attributes);
	if (name === 'assignee') {
		input.addEventListener('focus', () => suggestPeople(input.value));
		input.addEventListener('input', () => suggestPeople(input.value));
	}
	label.appendChild(input);
	return label;
}

function actionForm(mentionId, action, done) {
	const spec = ACTIONS[action];
	const form = element('form', { class: 'action-form', 'data-action': action });
	spec.fields.forEach((name) => form.appendChild(field(name)));
	form.appendChild(element('button', { type: 'submit' }, spec.submit));
	const cancel = element('button', { type: 'button', class: 'secondary' }, 'Cancel');
	cancel.addEventListener('click', () => form.remove());
	form.appendChild(cancel);
	const error = element('p', { class: 'error action-error', role: 'alert' });
	error.hidden = true;
	form.appendChild(error);
	form.addEventListener('submit', async (event) => {
		event.preventDefault();
		const body = { action: action };
		spec.fields.forEach((name) => {
			const value = form.elements[name].value.trim();
			if (value) {
				body[name] = value;
			}
		});
		try {
			const handling = await postJson('/api/mentions/' + encodeURIComponent(mentionId) + '/actions', body);
			form.remove();
			await done(handling);
		}
		catch (failure) {
			error.textContent = failure.message;
			error.hidden = false;
		}
	});
	return form;
}

function historyEntry(action) {
	const parts = [new Date(action.at).toLocaleString(), action.actor, action.action];
	if (action.department) {
		parts.push('to ' + departmentList([action.department]));
	}
	if (action.assignee) {
		parts.push('for ' + action.assignee);
	}
	if (action.reason) {
		parts.push('“' + action.reason + '”');
	}
	const entry = element('li', { 'data-action': action.action }, parts.join(' · '));
	if (isWebLink(action.answerUrl)) {
		entry.appendChild(document.createTextNode(' · '));
		entry.appendChild(link(action.answerUrl, 'answer'));
	}
	return entry;
}

async function toggleHistory(mentionId, list, button) {
	if (!list.hidden) {
		list.hidden = true;
		button.setAttribute('aria-expanded', 'false');
		return;
	}
	const answer = await getJson('/api/mentions/' + encodeURIComponent(mentionId) + '/handling');
	list.replaceChildren();
	if (!answer.history.length) {
		list.appendChild(element('li', {}, 'Nobody has acted on it yet'));
	}
	answer.history.forEach((action) => list.appendChild(historyEntry(action)));
	list.hidden = false;
	button.setAttribute('aria-expanded', 'true');
}

// The handling line, the action buttons and the history of one mention's item. After an
// action, the line shows the new state and `done` is told, so a list can move the item.
export function addHandling(item, found, done, onError) {
	const id = found.mention.id;
	if (!found.handling) {
		return;
	}
	let line = handlingLine(found.handling);
	item.appendChild(line);
	const bar = element('div', { class: 'actions' });
	const slot = element('div', { class: 'action-slot' });
	const history = element('ol', { class: 'history' });
	history.hidden = true;
	const drawButtons = (handling) => {
		bar.replaceChildren();
		actionsFor(handling).forEach((action) => {
			const button = element('button', { type: 'button', 'data-action': action }, ACTIONS[action].label);
			button.addEventListener('click', () => {
				slot.replaceChildren(actionForm(id, action, async (after) => {
					const fresh = handlingLine(after);
					line.replaceWith(fresh);
					line = fresh;
					drawButtons(after);
					history.hidden = true;
					await done(after);
				}));
				const first = slot.querySelector('input, select');
				if (first) {
					first.focus();
				}
			});
			bar.appendChild(button);
		});
		const historyButton = element('button', { type: 'button', class: 'secondary', 'data-action': 'history',
			'aria-expanded': 'false' }, 'History');
		historyButton.addEventListener('click', () => toggleHistory(id, history, historyButton)
			.catch((error) => onError(error.message)));
		bar.appendChild(historyButton);
	};
	drawButtons(found.handling);
	item.appendChild(bar);
	item.appendChild(slot);
	item.appendChild(history);
}
